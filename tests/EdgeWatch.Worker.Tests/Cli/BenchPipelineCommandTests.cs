using System.Globalization;
using System.Text.RegularExpressions;
using EdgeWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Cli;

/// <summary>
/// <c>edgewatch bench-pipeline</c> as a user runs it, shortened: the real daemon, ffmpeg, ONNX Runtime and a mosquitto
/// started for the run, taking turns with the bare loop. Figures are checked for shape and sense, never against a speed.
/// </summary>
public sealed partial class BenchPipelineCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_pipeline_and_the_bare_loop_take_turns_and_ffmpeg_is_never_left_stopped()
    {
        await TestModels.OpenAsync("yolox-nano");

        var run = await EdgeWatchCli.RunAsync(
            ["bench-pipeline", "--source", RepositoryPaths.SampleVideo, "--seconds", "1.2", "--window", "0.3", "--warmup", "1"]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 CPU worker(s) x 2 thread(s)", run.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"1\.\d s of each phase in 8 alternating turns of 0\.3 s", run.StdOut);
        var bare = Number(BareRate(), run.StdOut);
        var pipeline = Number(PipelineRate(), run.StdOut);
        var ratio = Number(Ratio(), run.StdOut);
        Assert.True(bare > 0 && pipeline > 0, "both phases ran");
        Assert.Equal(pipeline / bare, ratio, 0.002);

        // Pausing ffmpeg between turns is not a stall: it was never restarted, and every frame it gave was detected on.
        var counts = Counts().Match(run.StdOut);
        Assert.True(counts.Success, "the frames line is printed");
        Assert.True(long.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture) > 0, "frames were published during the pipeline's turns");
        Assert.Equal("0", counts.Groups[3].Value);
        Assert.InRange(Number(PeakRss(), run.StdOut), 30, 1000);
        Assert.DoesNotContain(ProcessTable.Stopped(), p => p.Name == "ffmpeg");
    }

    private static double Number(Regex pattern, string text)
    {
        var match = pattern.Match(text);
        Assert.True(match.Success, $"'{pattern}' is printed");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"bare inference loop \(decoded frames in memory\): ([\d.]+) frames/s")]
    private static partial Regex BareRate();

    [GeneratedRegex(@"whole pipeline \(ffmpeg -> scheduler -> workers -> MQTT 127\.0\.0\.1:\d+\): ([\d.]+) frames/s")]
    private static partial Regex PipelineRate();

    [GeneratedRegex(@"pipeline / bare loop: ([\d.]+)")]
    private static partial Regex Ratio();

    [GeneratedRegex(@"frames published (\d+), dropped (\d+), ffmpeg restarts (\d+)")]
    private static partial Regex Counts();

    [GeneratedRegex(@"peak RSS of the daemon \(before the bare loop loads its engines\): (\d+) MB")]
    private static partial Regex PeakRss();
}
