using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// Finds and loads <c>libopenvino_c.so</c> by path and resolves its functions, once per file per process.
/// </summary>
/// <remarks>
/// OpenVINO is optional (NCS2 hosts install 2022.3 by hand; others may have a newer runtime or none), so it is loaded
/// with <see cref="NativeLibrary"/> from an explicit setting or the usual install locations rather than imported. A loaded
/// library is never unloaded: a plugin thread may still be calling back into managed code.
/// </remarks>
internal static class OvLibrary
{
    /// <summary>The library's file name.</summary>
    public const string FileName = "libopenvino_c.so";

    /// <summary>Environment variable naming the library to load (scripts, tests).</summary>
    public const string PathVariable = "EDGEWATCH_OPENVINO_LIBRARY";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, OvApi> Loaded = new(StringComparer.Ordinal);

    /// <summary>The places looked at, in order, when no path is configured.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var candidates = new List<string>();
        var fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add(fromEnvironment);
        }

        // Intel's archives unpack to /opt/intel/openvino_<year>[.x.y] with a symlink /opt/intel/openvino; the library sits
        // in runtime/lib/<arch>. Distribution packages and source builds install to /usr/lib or /usr/local/lib.
        string[] roots = ["/opt/intel/openvino_2022", "/opt/intel/openvino"];
        string[] architectures = ["intel64", "aarch64", "armv7l", "arm64"];
        foreach (var root in roots)
        {
            foreach (var architecture in architectures)
            {
                candidates.Add($"{root}/runtime/lib/{architecture}/{FileName}");
            }
        }

        foreach (var directory in new[] { "/usr/lib", "/usr/local/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib/arm-linux-gnueabihf" })
        {
            candidates.Add($"{directory}/{FileName}");
            if (Directory.Exists(directory))
            {
                // Versioned names only (libopenvino_c.so.2022.3.0) when the unversioned development link is absent.
                candidates.AddRange(Directory.EnumerateFiles(directory, FileName + ".*").Order(StringComparer.Ordinal));
            }
        }

        return candidates;
    }

    /// <summary>Loads the library from <paramref name="configuredPath"/>, or else from the first candidate that loads.</summary>
    /// <exception cref="DllNotFoundException">Nowhere to be found; the message lists where it looked.</exception>
    /// <exception cref="EntryPointNotFoundException">The file lacks a function EdgeWatch needs; the message names it.</exception>
    public static OvApi Load(string? configuredPath)
    {
        lock (Gate)
        {
            var candidates = string.IsNullOrWhiteSpace(configuredPath) ? Candidates() : [configuredPath];
            var failures = new StringBuilder();
            foreach (var candidate in candidates)
            {
                if (!File.Exists(candidate))
                {
                    failures.Append(CultureInfo.InvariantCulture, $"{(failures.Length > 0 ? ", " : string.Empty)}{candidate}");
                    continue;
                }

                var fullPath = Path.GetFullPath(candidate);
                if (Loaded.TryGetValue(fullPath, out var cached))
                {
                    return cached;
                }

                if (!NativeLibrary.TryLoad(fullPath, out var library))
                {
                    failures.Append(CultureInfo.InvariantCulture,
                        $"{(failures.Length > 0 ? ", " : string.Empty)}{candidate} (not loadable: wrong architecture or a missing dependency such as libopenvino.so or libtbb)");
                    continue;
                }

                var api = new OvApi(library, fullPath);
                Loaded[fullPath] = api;
                return api;
            }

            if (string.IsNullOrWhiteSpace(configuredPath) && NativeLibrary.TryLoad(FileName, out var fromSearchPath))
            {
                if (!Loaded.TryGetValue(FileName, out var cached))
                {
                    cached = new OvApi(fromSearchPath, FileName);
                    Loaded[FileName] = cached;
                }

                return cached;
            }

            var searched = string.IsNullOrWhiteSpace(configuredPath) ? $"{failures}, and the system library path" : failures.ToString();
            throw new DllNotFoundException($"{FileName} not found (looked in {searched})");
        }
    }
}
