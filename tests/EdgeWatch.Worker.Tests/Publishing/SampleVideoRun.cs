using System.Text.Json;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Publishing;

/// <summary>
/// One run of the product on the sample video, shared by the tests that look at its topics: `edgewatch run` as a
/// process, a real mosquitto, ffmpeg, YOLOX-Nano on ONNX Runtime, the file read once and unpaced (every frame analysed,
/// ~10-15 s), and mosquitto_sub recording everything under the node's topics. Afterwards a fresh subscriber collects the
/// retained messages, as a client arriving late would see them.
/// </summary>
public sealed class SampleVideoRun : IAsyncLifetime
{
    public const string Node = "topics";
    public const string Root = $"edgewatch/{Node}";
    public const string Camera = "room";
    public const int LastFrame = 1394;

    /// <summary>When someone is in the room, by looking at the video (frames from 1, 10 fps): six visits, one person each.</summary>
    public static readonly (int First, int Last)[] Visits = [(62, 192), (235, 445), (506, 695), (746, 862), (934, 1195), (1238, 1359)];

    private MosquittoBroker? _broker;
    private MosquittoSubscriber? _subscriber;

    /// <summary>Everything the subscriber saw while the video was analysed, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> Messages { get; private set; } = [];

    /// <summary>The retained messages a subscriber connecting after the run gets.</summary>
    public IReadOnlyList<ReceivedMessage> Retained { get; private set; } = [];

    public string DaemonOutput { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedMessage> On(string subtopic) => [.. Messages.Where(m => m.Topic == $"{Root}/{subtopic}")];

    /// <summary>The detections message of one frame.</summary>
    public JsonElement DetectionsOf(long frame) =>
        On($"{Camera}/detections").Select(m => JsonDocument.Parse(m.Payload).RootElement).Single(d => d.GetProperty("frame").GetInt64() == frame);

    public async Task InitializeAsync()
    {
        await TestModels.OpenAsync("yolox-nano");
        _broker = await MosquittoBroker.StartAsync();
        _subscriber = await MosquittoSubscriber.StartAsync(_broker, $"{Root}/#");
        using var config = new DaemonConfigFile(DaemonConfigFile.SampleVideo(_broker.Port, Node));
        await using var daemon = DaemonProcess.Start("run", "--config", config.Path);
        try
        {
            await _subscriber.WaitForAsync(
                m => m.Any(x => x.Topic == $"{Root}/{Camera}/detections" && Frame(x) >= LastFrame),
                "detections up to the last frame of the video", TimeSpan.FromSeconds(180));
            // The snapshot thread may still be encoding the last frame it was given.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Messages = _subscriber.Messages;
            Retained = await MosquittoClients.ReadAllRetainedAsync(_broker, $"{Root}/#");
            daemon.Signal(15);
            await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            DaemonOutput = daemon.Output;
        }
    }

    public async Task DisposeAsync()
    {
        if (_subscriber is not null)
        {
            await _subscriber.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    private static long Frame(ReceivedMessage message) => JsonDocument.Parse(message.Payload).RootElement.GetProperty("frame").GetInt64();
}
