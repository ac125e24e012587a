using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Snapshots;

/// <summary>The snapshot encoder runs beside the pipeline: whatever it does, detection goes on at full speed.</summary>
public sealed class HungEncoderTests
{
    [Fact]
    public async Task A_hung_jpeg_encoder_never_holds_up_detection_nor_the_daemons_stop()
    {
        await TestModels.OpenAsync("yolox-nano");
        using var directory = new TempDirectory("hung-encoder");
        // ffmpeg for the camera; for the JPEG encoder (the only ffmpeg writing image2pipe) a process that reads nothing and
        // never answers, as a wedged encoder would.
        var wrapper = directory.File("ffmpeg");
        await File.WriteAllTextAsync(wrapper, """
            #!/bin/sh
            for argument in "$@"; do
              if [ "$argument" = image2pipe ]; then exec sleep 600; fi
            done
            exec ffmpeg "$@"
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        await ExternalProcess.RunCheckedAsync("chmod", "+x", wrapper);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, "edgewatch/hung/#");
        var configuration = DaemonConfigFile.SampleVideo(broker.Port, "hung");
        ((JsonObject)configuration["Node"]!)["Ffmpeg"] = wrapper;
        configuration["Snapshots"] = new JsonObject { ["EncodeTimeout"] = "00:10:00" };
        using var config = new DaemonConfigFile(configuration);
        await using var daemon = DaemonProcess.Start("run", "--config", config.Path);

        // Unpaced, the video takes 10-15 s; a worker waiting on the encoder would wait ten minutes at the first snapshot.
        await subscriber.WaitForAsync(
            m => m.Any(x => x.Topic == "edgewatch/hung/room/detections" && Frame(x) >= 1394), "every frame analysed", TimeSpan.FromSeconds(90));

        Assert.Empty(subscriber.On("edgewatch/hung/room/snapshot"));
        Assert.Contains(subscriber.On("edgewatch/hung/room/events"), m => m.Text.Contains("\"type\":\"end\"", StringComparison.Ordinal));
        var encoders = ProcessTable.Children(daemon.Id).Where(c => c.Name == "sleep").Select(c => c.Pid).ToList();
        Assert.Single(encoders);

        daemon.Signal(15);
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{daemon.Output}");
        Assert.False(ProcessTable.IsRunning(encoders[0]), $"the hung encoder {encoders[0]} outlived the daemon");
    }

    private static long Frame(ReceivedMessage message) => JsonDocument.Parse(message.Payload).RootElement.GetProperty("frame").GetInt64();
}
