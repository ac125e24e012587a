using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Daemon;

/// <summary>The camera's ffmpeg as the daemon starts it: at a lower priority than inference, and named when missing.</summary>
public sealed class CameraDecoderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Theory]
    [InlineData(null, 2, 10)] // the default when inference threads wait for each other
    [InlineData(null, 1, 0)] // the default for single-threaded workers
    [InlineData(3, 2, 3)]
    [InlineData(0, 2, 0)]
    public async Task Every_thread_of_the_cameras_ffmpeg_runs_at_the_configured_niceness(int? setting, int threadsPerWorker, int added)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var config = DaemonConfigFile.SampleVideo(broker.Port, "nice", realtime: true, loop: true);
        config["Cpu"]!["ThreadsPerWorker"] = threadsPerWorker;
        if (setting is { } nice)
        {
            config["Cameras"]!["room"]!["DecoderNice"] = nice;
        }

        await using var daemon = await InProcessDaemon.StartAsync(config);
        var camera = daemon.Pipeline.Cameras[0].Status;
        await Eventually.TrueAsync(() => camera.State == CameraState.Streaming && camera.Detected.Total > 2, "detections flowing", Patience);

        var pid = camera.ProcessId;
        Assert.Equal("ffmpeg", ProcessTable.Name(pid)); // nice exec'd it: the camera's process is ffmpeg itself
        var ours = ProcessTable.ThreadNiceness(Environment.ProcessId).Min();
        var threads = ProcessTable.ThreadNiceness(pid);
        Assert.NotEmpty(threads);
        Assert.All(threads, n => Assert.Equal(Math.Min(19, ours + added), n));
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_named_with_the_fix_and_the_daemon_stays_up()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var config = DaemonConfigFile.SampleVideo(broker.Port, "no-ffmpeg");
        config["Node"]!["Ffmpeg"] = "/nonexistent/bin/ffmpeg";
        await using var daemon = await InProcessDaemon.StartAsync(config);
        var camera = daemon.Pipeline.Cameras[0].Status;

        await Eventually.TrueAsync(() => camera.Restarts >= 1, "a retry", Patience);

        Assert.Equal(CameraState.Failed, camera.State);
        Assert.Equal("cannot run /nonexistent/bin/ffmpeg: not found (install ffmpeg)", camera.LastError);
        Assert.Equal(1, daemon.Pipeline.Pool.Count);
    }
}
