using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Daemon;

/// <summary>
/// Things that go wrong on a real installation — ffmpeg dying, a camera that is not there, the broker down or restarted —
/// with the real daemon host, real ffmpeg and a real broker: detection carries on and the trouble is visible.
/// </summary>
public sealed class FaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Ffmpeg_killed_mid_stream_is_restarted_and_frames_continue()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.SampleVideo(broker.Port, "kill", realtime: true, loop: true));
        var camera = daemon.Pipeline.Cameras[0].Status;
        await Eventually.TrueAsync(() => camera.State == CameraState.Streaming && camera.Detected.Total > 3, "detections flowing", Patience);
        var pid = camera.ProcessId;

        using (var ffmpeg = Process.GetProcessById(pid))
        {
            ffmpeg.Kill();
        }

        await Eventually.TrueAsync(() => camera.Restarts >= 1 && camera.ProcessId != pid && camera.State == CameraState.Streaming, "ffmpeg restarted", Patience);
        var detected = camera.Detected.Total;
        await Eventually.TrueAsync(() => camera.Detected.Total > detected + 3, "detections after the restart", Patience);
        Assert.NotNull(camera.LastError);
    }

    [Fact]
    public async Task A_source_that_does_not_exist_is_reported_failed_with_ffmpegs_message_and_retried()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var config = DaemonConfigFile.SampleVideo(broker.Port, "missing");
        config["Cameras"]!["room"]!["Source"] = "/nonexistent/camera.mp4";
        await using var daemon = await InProcessDaemon.StartAsync(config);
        var camera = daemon.Pipeline.Cameras[0].Status;

        await Eventually.TrueAsync(() => camera.Restarts >= 2, "two retries (after 1 s and 2 s)", Patience);

        Assert.Equal(CameraState.Failed, camera.State);
        Assert.Contains("No such file or directory", camera.LastError, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/camera.mp4", camera.LastError, StringComparison.Ordinal);
        Assert.Equal(1, daemon.Pipeline.Pool.Count); // the daemon and its worker carry on
    }

    [Fact]
    public async Task With_the_broker_down_at_start_detection_runs_and_messages_flow_once_it_is_up()
    {
        await using var broker = MosquittoBroker.Create();
        await using var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.SampleVideo(broker.Port, "late", realtime: true, loop: true));
        await Eventually.TrueAsync(() => daemon.Progress.Published > 5, "detection without a broker", Patience);
        Assert.False(daemon.Mqtt.IsConnected);
        Assert.True(daemon.Mqtt.ConnectAttempts >= 1);

        await broker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, "edgewatch/late/#");

        await subscriber.WaitForAsync(m => m.Count(x => x.Topic == "edgewatch/late/room/detections") >= 3, "detections through the late broker", Patience);
        Assert.True(daemon.Mqtt.IsConnected);
    }

    [Fact]
    public async Task A_broker_restarted_mid_run_is_reconnected_to_by_itself()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.SampleVideo(broker.Port, "restart", realtime: true, loop: true));
        await using (var before = await MosquittoSubscriber.StartAsync(broker, "edgewatch/restart/room/detections"))
        {
            await before.WaitForAsync(m => m.Count >= 3, "detections before the restart", Patience);
        }

        await broker.RestartAsync();
        await using var after = await MosquittoSubscriber.StartAsync(broker, "edgewatch/restart/#");

        await after.WaitForAsync(m => m.Count(x => x.Topic.EndsWith("/detections", StringComparison.Ordinal)) >= 3, "detections after the restart", Patience);
        Assert.True(daemon.Mqtt.Reconnects >= 1);
        Assert.Equal("online", after.On("edgewatch/restart/availability")[^1].Text);
    }
}
