using System.Diagnostics;

namespace EdgeWatch.Devices.Tests.Fixtures;

/// <summary>Compiles and runs a small C program; for checking bindings against the system's headers.</summary>
internal static class Gcc
{
    public static string? Path { get; } = new[] { "/usr/bin/gcc", "/usr/local/bin/gcc", "/usr/bin/cc" }.FirstOrDefault(File.Exists);

    /// <summary>Compiles <paramref name="source"/>, runs it, and returns its standard output.</summary>
    public static string CompileAndRun(string source)
    {
        string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgewatch-gcc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string c = System.IO.Path.Combine(directory, "probe.c");
            string exe = System.IO.Path.Combine(directory, "probe");
            File.WriteAllText(c, source);
            Run(Path!, $"-o {exe} {c}");
            return Run(exe, "");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail($"{file} did not finish within 60 s");
        }

        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited with {process.ExitCode}: {error.GetAwaiter().GetResult()}");
        return output;
    }
}
