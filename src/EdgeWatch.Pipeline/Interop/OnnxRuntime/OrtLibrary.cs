using System.Runtime.InteropServices;
using System.Globalization;
using System.Text;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime;

/// <summary>
/// Loads <c>libonnxruntime.so.1</c> once per process, from an explicit path or the usual places, and holds its function
/// table and the process-wide <c>OrtEnv</c>.
/// </summary>
/// <remarks>
/// Loaded by path rather than by <c>[LibraryImport]</c> because the library is not on the system's search path: it ships
/// next to EdgeWatch (from the onnxruntime-node npm package) and a user may point at another copy. Only one symbol is
/// exported that matters, <c>OrtGetApiBase</c>; everything else goes through its function table.
/// </remarks>
internal static unsafe class OrtLibrary
{
    /// <summary>The library's file name on Linux.</summary>
    public const string FileName = "libonnxruntime.so.1";

    /// <summary>Environment variable naming the library to load (used by scripts and tests).</summary>
    public const string PathVariable = "EDGEWATCH_ONNXRUNTIME_LIBRARY";

    private static readonly Lock Gate = new();
    private static string? _requestedPath;
    private static OrtApi? _api;
    private static IntPtr _env;
    private static string? _loadedFrom;

    /// <summary>The function table; loads the library on first use.</summary>
    public static OrtApi Api => _api ?? Load();

    /// <summary>The process-wide environment every session is created in. ORT wants exactly one.</summary>
    public static IntPtr Environment
    {
        get
        {
            _ = Api;
            return _env;
        }
    }

    /// <summary>Where the library was loaded from, once loaded.</summary>
    public static string? LoadedFrom => _loadedFrom;

    /// <summary>Chooses the library file before first use; later calls with another path fail loudly.</summary>
    public static void UsePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        lock (Gate)
        {
            if (_api is not null && !string.Equals(Path.GetFullPath(path), _loadedFrom, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"ONNX Runtime is already loaded from {_loadedFrom}; cannot switch to {path} in the same process.");
            }

            _requestedPath = path;
        }
    }

    /// <summary>The library's build description, e.g. "ORT Build Info: git-branch=..., build type=Release".</summary>
    public static string BuildInfo => OrtApi.ReadUtf8(Api.GetBuildInfoString()) ?? "unknown";

    /// <summary>The places looked at, in order, when no path was given.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var candidates = new List<string>();
        var fromEnvironment = System.Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add(fromEnvironment);
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, FileName));
        candidates.Add(Path.Combine("/usr/lib/edgewatch", FileName));
        return candidates;
    }

    private static OrtApi Load()
    {
        lock (Gate)
        {
            if (_api is not null)
            {
                return _api;
            }

            var candidates = _requestedPath is not null ? [_requestedPath] : Candidates();
            IntPtr library = IntPtr.Zero;
            string? loadedFrom = null;
            var failures = new StringBuilder();
            foreach (var candidate in candidates)
            {
                if (!File.Exists(candidate))
                {
                    failures.Append(CultureInfo.InvariantCulture, $"; {candidate}: no such file");
                    continue;
                }

                if (NativeLibrary.TryLoad(candidate, out library))
                {
                    loadedFrom = Path.GetFullPath(candidate);
                    break;
                }

                failures.Append(CultureInfo.InvariantCulture, $"; {candidate}: not loadable (wrong architecture or missing dependency)");
            }

            if (library == IntPtr.Zero && _requestedPath is null && NativeLibrary.TryLoad(FileName, out library))
            {
                loadedFrom = FileName;
            }

            if (library == IntPtr.Zero)
            {
                throw new DllNotFoundException(
                    $"ONNX Runtime ({FileName}) not found{failures}. Run scripts/setup, or set OnnxRuntime:LibraryPath / {PathVariable}.");
            }

            if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
            {
                throw new EntryPointNotFoundException($"{loadedFrom} does not export OrtGetApiBase: not an ONNX Runtime library.");
            }

            // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }
            var apiBase = ((delegate* unmanaged<IntPtr>)getApiBase)();
            var getApi = (delegate* unmanaged<uint, void**>)((IntPtr*)apiBase)[0];
            var getVersion = (delegate* unmanaged<byte*>)((IntPtr*)apiBase)[1];
            var table = getApi(OrtApi.Version);
            if (table is null)
            {
                var version = OrtApi.ReadUtf8(getVersion()) ?? "unknown";
                throw new NotSupportedException(
                    $"{loadedFrom} is ONNX Runtime {version}, which does not offer API version {OrtApi.Version}: install 1.30 or newer.");
            }

            var api = new OrtApi(table);
            Version = OrtApi.ReadUtf8(getVersion()) ?? "unknown";
            var env = IntPtr.Zero;
            fixed (byte* logId = NativeText.NullTerminated("edgewatch"))
            {
                OrtStatus.Check(api, api.CreateEnv(OrtConstants.LoggingLevelError, logId, &env));
            }

            _env = env;
            _loadedFrom = loadedFrom;
            _api = api;
            return api;
        }
    }

    /// <summary>The library's version string, e.g. "1.30.0".</summary>
    public static string Version { get; private set; } = "not loaded";
}
