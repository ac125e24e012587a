using System.Diagnostics;
using System.Globalization;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// Builds and runs bench/ort_loop.c: ONNX Runtime called from C on the same model, input tensor and thread count, so a
/// benchmark can print EdgeWatch's inference time next to the library's own.
/// </summary>
internal static class NativeOrtLoop
{
    /// <summary>Why the reference cannot run here, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (Source() is null)
        {
            return "bench/ort_loop.c not found";
        }

        return FindOnPath("gcc") is null ? "gcc not installed (apt-get install gcc libc6-dev)" : null;
    }

    /// <summary>Runs <paramref name="runs"/> inferences after <paramref name="warmup"/>; returns each run's milliseconds.</summary>
    public static async Task<IReadOnlyList<double>> RunAsync(
        string library, string model, string inputName, ReadOnlyMemory<byte> input, IReadOnlyList<int> shape, int threads, bool spinning,
        bool spinBetweenRuns, int warmup, int runs, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("edgewatch-bench-");
        try
        {
            var binary = Path.Combine(work.FullName, "ort_loop");
            await RunProcessAsync("gcc", ["-O2", "-o", binary, Source()!, "-ldl"], cancellationToken).ConfigureAwait(false);
            var tensor = Path.Combine(work.FullName, "input.f32");
            await File.WriteAllBytesAsync(tensor, input, cancellationToken).ConfigureAwait(false);
            string[] arguments =
            [
                library, model, inputName, tensor, .. shape.Select(d => d.ToString(CultureInfo.InvariantCulture)),
                threads.ToString(CultureInfo.InvariantCulture), spinning ? "1" : "0", spinBetweenRuns ? "0" : "1",
                warmup.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture),
            ];
            var output = await RunProcessAsync(binary, arguments, cancellationToken).ConfigureAwait(false);
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => double.Parse(line, CultureInfo.InvariantCulture))];
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string? Source()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "bench", "ort_loop.c");
        return File.Exists(beside) ? beside : null;
    }

    private static string? FindOnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);

    private static async Task<string> RunProcessAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new IOException($"cannot start {file}");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new IOException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
            }

            return await stdout.ConfigureAwait(false);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
