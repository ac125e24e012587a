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
    public async Task An_exec_source_is_decoded_by_a_niced_ffmpeg_and_stopping_leaves_no_process_of_its_tree()
    {
        // A command writing a video stream to stdout, as rpicam-vid does on a Pi: here ffmpeg itself, re-encoding the
        // sample video to MJPEG at its own pace.
        await using var broker = await MosquittoBroker.StartAsync();
        var config = DaemonConfigFile.SampleVideo(broker.Port, "exec");
        var camera = config["Cameras"]!["room"]!;
        camera["Source"] = $"exec:ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i {RepositoryPaths.SampleVideo} -c:v mjpeg -f mjpeg -";
        camera["InputFormat"] = "mjpeg";
        camera["Width"] = 384;
        camera["Height"] = 216;
        int shell;
        List<int> tree;
        await using (var daemon = await InProcessDaemon.StartAsync(config))
        {
            var status = daemon.Pipeline.Cameras[0].Status;
            await Eventually.TrueAsync(() => status.State == CameraState.Streaming && status.Detected.Total > 2, "detections from the command's stream", Patience);
            Assert.Equal((384, 216), status.Size);

            shell = status.ProcessId;
            tree = [.. ProcessTable.Children(shell).Select(c => c.Pid)];
            var decoder = Assert.Single(tree, pid => ProcessTable.CommandLine(pid).Contains("rawvideo", StringComparison.Ordinal));
            var producer = Assert.Single(tree, pid => ProcessTable.CommandLine(pid).Contains("mjpeg", StringComparison.Ordinal) && pid != decoder);
            var ours = ProcessTable.ThreadNiceness(Environment.ProcessId).Min();
            Assert.All(ProcessTable.ThreadNiceness(decoder), n => Assert.Equal(Math.Min(19, ours + 10), n));
            Assert.All(ProcessTable.ThreadNiceness(producer), n => Assert.Equal(ours, n)); // the user's command is left alone
        }

        await Eventually.TrueAsync(() => !ProcessTable.IsRunning(shell) && !tree.Any(ProcessTable.IsRunning), "the shell, the command and ffmpeg gone", Patience);
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
