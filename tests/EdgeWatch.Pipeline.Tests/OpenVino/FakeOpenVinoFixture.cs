using System.Diagnostics;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

/// <summary>
/// Compiles the C test double once per test run with the machine's gcc, into a temporary directory, in the variants the
/// tests need: a faithful 2022.3 (no error text), one that also exports ov_get_last_err_msg, and a library that is not
/// OpenVINO at all.
/// </summary>
public sealed class FakeOpenVinoFixture : IDisposable
{
    private static readonly string[] CompilerFlags = ["-shared", "-fPIC", "-pthread", "-O1", "-g", "-Wall", "-Wextra", "-Werror"];

    private readonly string _directory;

    public FakeOpenVinoFixture()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"edgewatch-fake-openvino-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        var source = Path.Combine(RepositoryPaths.Root, "tests", "EdgeWatch.Pipeline.Tests", "OpenVino", "Native", "fake_openvino.c");
        Faithful = new FakeOpenVino(Compile(source, "2022.3", []), hasErrorText: false);
        WithErrorText = new FakeOpenVino(Compile(source, "with-error-text", ["-DFAKE_LAST_ERR_MSG"]), hasErrorText: true);
        var notOpenVino = Path.Combine(_directory, "not-openvino.c");
        File.WriteAllText(notOpenVino, "int edgewatch_not_openvino(void) { return 42; }\n");
        NotOpenVinoPath = Compile(notOpenVino, "not-openvino", []);
    }

    /// <summary>Like a real 2022.3: no ov_get_last_err_msg, so failures carry only a status.</summary>
    internal FakeOpenVino Faithful { get; }

    /// <summary>Also exports ov_get_last_err_msg, so the runtime's messages (NC_ERROR, ...) reach EdgeWatch.</summary>
    internal FakeOpenVino WithErrorText { get; }

    /// <summary>A shared library named libopenvino_c.so that exports none of the API.</summary>
    public string NotOpenVinoPath { get; }

    public void Dispose()
    {
        // The loaded copies stay mapped; unlinking their files is harmless on Linux.
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Compile(string source, string variant, string[] defines)
    {
        var outputDirectory = Path.Combine(_directory, variant);
        Directory.CreateDirectory(outputDirectory);
        var output = Path.Combine(outputDirectory, "libopenvino_c.so");
        var start = new ProcessStartInfo("gcc") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in CompilerFlags.Concat(defines).Concat(["-o", output, source]))
        {
            start.ArgumentList.Add(argument);
        }

        using var gcc = Process.Start(start) ?? throw new InvalidOperationException("gcc did not start");
        var errors = gcc.StandardError.ReadToEndAsync();
        _ = gcc.StandardOutput.ReadToEnd();
        if (!gcc.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            gcc.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"gcc did not finish compiling {source}");
        }

        if (gcc.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcc failed to compile {source}:\n{errors.GetAwaiter().GetResult()}");
        }

        return output;
    }
}
