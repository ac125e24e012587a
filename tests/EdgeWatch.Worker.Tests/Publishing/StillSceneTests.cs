using System.Text.Json;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Publishing;

/// <summary>A camera whose scene never changes (a still image: one person, one dog), through the daemon's real host.</summary>
public sealed class StillSceneTests
{
    private const string Root = "edgewatch/still";

    [Fact]
    public async Task Objects_in_view_are_announced_once_and_ended_when_the_daemon_stops()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, $"{Root}/door/events");
        await using (var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.StillImage(broker.Port, "still")))
        {
            await subscriber.WaitForAsync(m => m.Count(x => Type(x) == "new") >= 2, "a person and a dog announced");
            await Task.Delay(TimeSpan.FromSeconds(3)); // a few more frames of the same scene
        }

        await subscriber.WaitForAsync(m => m.Count(x => Type(x) == "end") >= 2, "both ended at the stop");
        var events = subscriber.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        var created = events.Where(e => e.GetProperty("type").GetString() == "new").ToList();
        Assert.Equal(["dog", "person"], created.Select(e => e.GetProperty("label").GetString()).Order());
        Assert.Equal(
            created.Select(e => e.GetProperty("id").GetString()).Order(),
            events.Where(e => e.GetProperty("type").GetString() == "end").Select(e => e.GetProperty("id").GetString()).Order());
        Assert.DoesNotContain(events, e => e.GetProperty("label").GetString() == "horse"); // not among the camera's Labels
    }

    [Fact]
    public async Task Snapshots_of_a_still_scene_keep_coming_at_the_interval_and_show_its_detections()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, $"{Root}/door/snapshot");
        await using var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.StillImage(broker.Port, "still"));

        await subscriber.WaitForAsync(m => m.Count >= 3, "three snapshots", TimeSpan.FromSeconds(30));

        var (width, height, pixels) = await FfmpegImages.DecodeAsync(subscriber.Messages[^1].Payload);
        Assert.Equal((640, 424), (width, height));
        var green = pixels.Chunk(3).Count(p => p[1] >= 200 && p[0] <= 80 && p[2] <= 80);
        Assert.True(green > 500, $"{green} pure green pixels: no person box drawn?"); // the person's box, in its label colour
    }

    private static string? Type(ReceivedMessage message) =>
        JsonDocument.Parse(message.Payload).RootElement.GetProperty("type").GetString();
}
