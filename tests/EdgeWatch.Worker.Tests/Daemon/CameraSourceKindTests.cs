using System.Diagnostics;
using System.Globalization;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Daemon;

/// <summary>
/// Source kinds other than files, each through the real daemon and a real ffmpeg: an ffmpeg test pattern, and a network
/// camera's HTTP stream (served by another ffmpeg, as an IP camera serves it).
/// </summary>
public sealed class CameraSourceKindTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_test_pattern_streams_at_the_size_it_names()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var config = DaemonConfigFile.SampleVideo(broker.Port, "lavfi");
        config["Cameras"]!["room"]!["Source"] = "lavfi:testsrc=size=320x240:rate=10";
        await using var daemon = await InProcessDaemon.StartAsync(config);
        var camera = daemon.Pipeline.Cameras[0].Status;

        await Eventually.TrueAsync(() => camera.State == CameraState.Streaming && camera.Frames.Total > 5, "frames from the test pattern", Patience);

        Assert.Equal((320, 240), camera.Size);
        await Eventually.TrueAsync(() => daemon.Progress.Published > 3, "results published (empty frames included)", Patience);
    }

    [Fact]
    public async Task A_network_cameras_http_stream_is_detected_on()
    {
        var port = MosquittoBroker.FreeLoopbackPort();
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/live.ts");
        using var camera = StartHttpCamera(url);
        await using var broker = await MosquittoBroker.StartAsync();
        var config = DaemonConfigFile.SampleVideo(broker.Port, "http");
        config["Cameras"]!["room"]!["Source"] = url;
        await using var daemon = await InProcessDaemon.StartAsync(config);
        var status = daemon.Pipeline.Cameras[0].Status;

        await Eventually.TrueAsync(() => status.State == CameraState.Streaming && status.Detected.Total > 5, "detections on the stream", Patience);

        Assert.Equal((768, 432), status.Size);
        Assert.Equal(url, status.Source);
    }

    /// <summary>ffmpeg serving the sample video as an endless MPEG-TS stream over HTTP, at its own pace.</summary>
    private static HttpCamera StartHttpCamera(string url)
    {
        var start = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = false };
        foreach (var argument in new[]
        {
            "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", RepositoryPaths.SampleVideo,
            "-c", "copy", "-f", "mpegts", "-listen", "1", url,
        })
        {
            start.ArgumentList.Add(argument);
        }

        return new HttpCamera(Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start"));
    }

    private sealed class HttpCamera(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
