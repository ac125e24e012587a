using System.Text.Json;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Daemon;

/// <summary>
/// The product as a user runs it: `edgewatch run` as a process, a real mosquitto, real ffmpeg decoding the sample video,
/// real ONNX Runtime with YOLOX-Nano, and an independent subscriber (mosquitto_sub).
/// </summary>
public sealed class EndToEndTests
{
    // Frame ranges of the sample video checked by looking at the frames: nobody in the room, or one person walking.
    private static readonly (int First, int Last)[] Empty = [(1, 50), (200, 220), (1365, 1394)];
    private static readonly (int First, int Last)[] Occupied = [(80, 180), (250, 430), (520, 680), (950, 1180)];

    [Fact]
    public async Task A_subscriber_sees_people_in_frame_order_where_people_are_and_nobody_where_the_room_is_empty()
    {
        await TestModels.OpenAsync("yolox-nano");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, "edgewatch/e2e/room/detections");
        using var config = new DaemonConfigFile(DaemonConfigFile.SampleVideo(broker.Port, "e2e"));
        await using var daemon = DaemonProcess.Start("run", "--config", config.Path);

        // The file is read once, unpaced: wait until the last frames have been published.
        await subscriber.WaitForAsync(m => m.Count > 0 && Frame(m[^1]) >= 1394, "detections up to the last frame of the video", TimeSpan.FromSeconds(120));
        var messages = subscriber.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();

        var frames = messages.Select(m => m.GetProperty("frame").GetInt64()).ToList();
        Assert.Equal(frames.Order(), frames);
        Assert.Equal(frames.Distinct().Count(), frames.Count);
        // A recording read unpaced is analysed frame by frame, none dropped (1394 frames in the video).
        Assert.True(frames.Count >= 1390, $"only {frames.Count} of 1394 frames published");
        var first = messages[0];
        Assert.Equal("room", first.GetProperty("camera").GetString());
        Assert.Equal((768, 432), (first.GetProperty("width").GetInt32(), first.GetProperty("height").GetInt32()));
        Assert.Equal(("yolox-nano", "cpu"), (first.GetProperty("model").GetString(), first.GetProperty("device").GetString()));
        Assert.True(DateTime.Parse(first.GetProperty("ts").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind).Kind == DateTimeKind.Utc);

        var persons = messages.ToDictionary(m => m.GetProperty("frame").GetInt64(), People);
        foreach (var (from, to) in Empty)
        {
            var inRange = persons.Where(p => p.Key >= from && p.Key <= to).ToList();
            Assert.NotEmpty(inRange);
            Assert.All(inRange, p => Assert.True(p.Value == 0, $"frame {p.Key} should be empty, has {p.Value} person(s)"));
        }

        foreach (var (from, to) in Occupied)
        {
            var inRange = persons.Where(p => p.Key >= from && p.Key <= to).ToList();
            Assert.NotEmpty(inRange);
            var seen = inRange.Count(p => p.Value >= 1) / (double)inRange.Count;
            Assert.True(seen >= 0.9, $"frames {from}-{to}: a person in only {seen:P0} of {inRange.Count} frames");
        }

        var box = messages.First(m => People(m) > 0).GetProperty("detections")[0].GetProperty("box");
        Assert.Equal(4, box.GetArrayLength());
        Assert.InRange(box[2].GetDouble(), box[0].GetDouble(), 768);
    }

    [Fact]
    public async Task Sigterm_mid_stream_exits_cleanly_publishes_offline_and_leaves_no_ffmpeg_behind()
    {
        await TestModels.OpenAsync("yolox-nano");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, "edgewatch/#");
        using var config = new DaemonConfigFile(DaemonConfigFile.SampleVideo(broker.Port, "sigterm", realtime: true, loop: true));
        await using var daemon = DaemonProcess.Start("run", "--config", config.Path);
        await subscriber.WaitForAsync(m => m.Count(x => x.Topic.EndsWith("/detections", StringComparison.Ordinal)) >= 5, "detections flowing", TimeSpan.FromSeconds(60));
        var ffmpeg = ProcessTable.Children(daemon.Id).Where(p => p.Name == "ffmpeg").Select(p => p.Pid).ToList();
        Assert.Single(ffmpeg);

        daemon.Signal(15);
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{daemon.Output}");
        Assert.False(ProcessTable.IsRunning(ffmpeg[0]), $"ffmpeg {ffmpeg[0]} is still running");
        var availability = await MosquittoClients.ReadRetainedAsync(broker, "edgewatch/sigterm/availability");
        Assert.Equal("offline", availability.Text);
        Assert.True(availability.Retain);
        Assert.DoesNotContain("Unhandled exception", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_killed_outright_is_reported_offline_by_its_last_will()
    {
        await TestModels.OpenAsync("yolox-nano");
        await using var broker = await MosquittoBroker.StartAsync();
        using var config = new DaemonConfigFile(DaemonConfigFile.SampleVideo(broker.Port, "killed", realtime: true, loop: true));
        await using var daemon = DaemonProcess.Start("run", "--config", config.Path);
        await Eventually.TrueAsync(
            () => MosquittoClients.ReadAllRetainedAsync(broker, "edgewatch/killed/availability").GetAwaiter().GetResult() is [{ Text: "online" }],
            "online", TimeSpan.FromSeconds(60));

        daemon.Signal(9);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        // The broker notices the dead connection at once (the socket closes) and publishes the will, retained.
        await Eventually.TrueAsync(
            () => MosquittoClients.ReadAllRetainedAsync(broker, "edgewatch/killed/availability").GetAwaiter().GetResult() is [{ Text: "offline", Retain: true }],
            "the last will: offline, retained", TimeSpan.FromSeconds(20));
    }

    private static long Frame(ReceivedMessage message) => JsonDocument.Parse(message.Payload).RootElement.GetProperty("frame").GetInt64();

    private static int People(JsonElement message) =>
        message.GetProperty("detections").EnumerateArray().Count(d => d.GetProperty("label").GetString() == "person");
}
