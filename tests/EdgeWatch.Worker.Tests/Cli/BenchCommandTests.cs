using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EdgeWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Cli;

/// <summary>
/// <c>edgewatch bench</c> as a user runs it: short runs whose figures are only checked for shape and physical sense (never
/// against a speed: the machine is shared), through the real scheduler, worker pool and engines.
/// </summary>
public sealed partial class BenchCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Simulated_devices_give_the_seed_projects_devices_by_requests_table_with_the_ideal()
    {
        await TestModels.OpenAsync("yolox-nano");

        var run = await EdgeWatchCli.RunAsync(["bench", "--device", "sim:20", "--sticks", "1,2", "--requests", "1,2", "--seconds", "1", "--warmup", "0.2"]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        var rows = SimRow().Matches(run.StdOut).Select(m => (
            Devices: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            Requests: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            Fps: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
            Ideal: double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal([(1, 1), (1, 2), (2, 1), (2, 2)], rows.Select(r => (r.Devices, r.Requests)));
        foreach (var row in rows)
        {
            Assert.Equal(50.0 * row.Devices * row.Requests, row.Ideal); // N x K / 20 ms
            Assert.InRange(row.Fps, 0.1, row.Ideal * 1.5); // no faster than the simulated devices allow (plus the window's edges)
        }

        Assert.Contains("yolox-nano (FP32) on sim:20: frames/s by devices x requests per device (% of ideal N x K / latency)", run.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+2\s+[\d.]+ \([\d.]+%\)\s+[\d.]+ \([\d.]+%\)\n", run.StdOut);
        Assert.Contains("sched ms/fr = CPU ms/fr - work ms/fr", run.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"the scheduler alone \(offer, take, complete, publish in order; one thread, no wake-ups\): [\d.]+ us CPU per frame", run.StdOut);
    }

    [Fact]
    public async Task Json_and_the_report_files_hold_every_figure_of_a_row()
    {
        await TestModels.OpenAsync("yolox-nano");
        using var report = new TempDirectory("bench-report");

        var run = await EdgeWatchCli.RunAsync(["bench", "--device", "sim:20", "--seconds", "1", "--warmup", "0.2", "--json", "--report", report.Path]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.StartsWith("edgewatch bench --device sim:20", json.RootElement.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("scheduler_alone_us_per_frame").GetDouble() > 0);
        var row = Assert.Single(json.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal("yolox-nano", row.GetProperty("model").GetString());
        Assert.Equal("FP32", row.GetProperty("precision").GetString());
        Assert.Equal("sim:20", row.GetProperty("device").GetString());
        Assert.Equal(1, row.GetProperty("workers").GetInt32());
        Assert.Equal(["sim:20#1"], row.GetProperty("device_names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, row.GetProperty("requests").GetInt32());
        Assert.Equal(50, row.GetProperty("ideal_fps").GetDouble());
        Assert.InRange(row.GetProperty("frames").GetInt64(), 1, 100);
        var latency = row.GetProperty("latency_ms");
        Assert.InRange(latency.GetProperty("p50").GetDouble(), 20, 10_000); // a simulated request takes 20 ms, never less
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p95").GetDouble());
        Assert.True(latency.GetProperty("p95").GetDouble() <= latency.GetProperty("p99").GetDouble());
        Assert.True(row.GetProperty("cpu_percent").GetDouble() >= 0);
        Assert.True(row.GetProperty("frame_work_cpu_ms_per_frame").GetDouble() > 0);
        Assert.True(row.TryGetProperty("scheduling_cpu_ms_per_frame", out _));
        Assert.Empty(row.GetProperty("failures").EnumerateArray());

        var markdown = await File.ReadAllTextAsync(Path.Combine(report.Path, "bench.md"));
        Assert.Contains("| model | precision | device | workers | requests | frames/s |", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| yolox-nano \| FP32 \| sim:20 \| 1 \| 1 \| [\d.]+ \| 50\.0 \|", markdown);
        Assert.Contains("Command: `edgewatch bench --device sim:20", markdown, StringComparison.Ordinal);
        Assert.Contains("![frames/s by device and requests](bench.svg)", markdown, StringComparison.Ordinal);
        var svg = XDocument.Load(Path.Combine(report.Path, "bench.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Contains(svg.Descendants(ns + "rect"), r => r.Element(ns + "title")?.Value.StartsWith("sim:20 x1, 1 request:", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Cpu_rows_run_the_real_model_through_the_worker_pool()
    {
        await TestModels.OpenAsync("yolox-nano");

        var run = await EdgeWatchCli.RunAsync(
            ["bench", "--device", "cpu", "--source", SharedData.Path("testdata", "images", "dog.jpg"), "--threads", "1", "--seconds", "1", "--warmup", "0.5", "--json"]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.Contains("1 frame of dog.jpg (768x576)", json.RootElement.GetProperty("heading").GetString(), StringComparison.Ordinal);
        var row = Assert.Single(json.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal("cpu", row.GetProperty("device").GetString());
        Assert.Equal(1, row.GetProperty("threads").GetInt32());
        Assert.True(row.GetProperty("frames").GetInt64() > 0);
        Assert.True(row.GetProperty("latency_ms").GetProperty("p50").GetDouble() > 0);
        Assert.True(row.GetProperty("cpu_percent").GetDouble() > 0);
        Assert.False(row.TryGetProperty("ideal_fps", out _));
        Assert.False(row.TryGetProperty("scheduling_cpu_ms_per_frame", out _));
    }

    [Fact]
    public async Task Sticks_without_a_usable_openvino_runtime_are_skipped_with_the_reason_and_the_rest_measured()
    {
        await TestModels.OpenAsync("yolox-nano");
        using var directory = new TempDirectory("not-openvino");
        var library = await CompileNotOpenVinoAsync(directory);

        var run = await EdgeWatchCli.RunAsync(
            ["bench", "--device", "all-sticks", "--device", "MYRIAD", "--device", "sim:20", "--seconds", "0.5", "--warmup", "0"],
            new Dictionary<string, string> { ["EDGEWATCH_OPENVINO_LIBRARY"] = library });

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"yolox-nano\s+FP32\s+all-sticks\s+1\s+auto\s+skipped: no NCS2 to use: runtime unavailable: ", run.StdOut);
        Assert.Matches(@"yolox-nano\s+FP32\s+MYRIAD\s+1\s+auto\s+skipped: MYRIAD: OpenVINO runtime unavailable: ", run.StdOut);
        Assert.Matches(@"yolox-nano\s+FP32\s+sim:20\s+1\s+1\s+[\d.]+\s+50\.0", run.StdOut);
    }

    [Fact]
    public async Task Nothing_to_measure_is_an_error()
    {
        await TestModels.OpenAsync("yolox-nano");
        using var directory = new TempDirectory("not-openvino");
        var library = await CompileNotOpenVinoAsync(directory);

        var run = await EdgeWatchCli.RunAsync(["bench", "--device", "all-sticks", "--seconds", "0.5"], new Dictionary<string, string> { ["EDGEWATCH_OPENVINO_LIBRARY"] = library });

        output.WriteLine(run.ToString());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("skipped: no NCS2 to use", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("edgewatch: error: nothing could be measured", run.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--device", "gpu", "--device 'gpu' is not a device: use cpu, MYRIAD, MYRIAD.<id>, all-sticks or sim:<ms>")]
    [InlineData("--device", "sim:0", "sim:<ms> needs a latency in milliseconds")]
    [InlineData("--requests", "0,1", "--requests: 0 is out of range (1..64)")]
    [InlineData("--sticks", "8-1", "--sticks: '8-1' is not a list of whole numbers")]
    [InlineData("--seconds", "0", "--seconds, --frames, --source-frames and --source-fps must be positive")]
    public async Task Bad_options_are_reported_saying_what_is_wrong(string option, string value, string message)
    {
        var run = await EdgeWatchCli.RunAsync(["bench", option, value]);

        output.WriteLine(run.ToString());
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_source_is_reported_in_one_line()
    {
        var run = await EdgeWatchCli.RunAsync(["bench", "--device", "sim:20", "--source", "/nonexistent/video.mp4"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("edgewatch: error: /nonexistent/video.mp4: no such image or video", run.StdErr.Trim());
    }

    // A shared library that loads but is not OpenVINO: the runtime is then unusable wherever this test runs.
    private static async Task<string> CompileNotOpenVinoAsync(TempDirectory directory)
    {
        var source = directory.File("not_openvino.c");
        await File.WriteAllTextAsync(source, "int edgewatch_not_openvino(void) { return 42; }\n");
        var library = directory.File("libopenvino_c.so");
        var start = new ProcessStartInfo("gcc") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-shared", "-fPIC", "-o", library, source })
        {
            start.ArgumentList.Add(argument);
        }

        using var gcc = Process.Start(start)!;
        var errors = await gcc.StandardError.ReadToEndAsync();
        await gcc.WaitForExitAsync();
        Assert.True(gcc.ExitCode == 0, errors);
        return library;
    }

    [GeneratedRegex(@"yolox-nano\s+FP32\s+sim:20\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+[\d.]+%")]
    private static partial Regex SimRow();
}
