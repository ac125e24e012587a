using System.Diagnostics;
using System.Globalization;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>Real ffmpeg and ffprobe as an independent decoder and encoder of test images.</summary>
internal static class FfmpegImages
{
    /// <summary>ffprobe's view of an image: codec, width, height (it fails the test if ffprobe cannot read it).</summary>
    public static async Task<(string Codec, int Width, int Height)> ProbeAsync(byte[] image)
    {
        using var directory = new TempDirectory("probe");
        var path = directory.File("image");
        await File.WriteAllBytesAsync(path, image);
        var output = await ExternalProcess.RunCheckedAsync(
            "ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", path);
        var parts = output.Trim().Split(',');
        return (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Decodes an image file's bytes to BGR24 pixels with ffmpeg.</summary>
    public static async Task<(int Width, int Height, byte[] Bgr)> DecodeAsync(byte[] image)
    {
        var (_, width, height) = await ProbeAsync(image);
        using var directory = new TempDirectory("decode");
        var path = directory.File("image");
        await File.WriteAllBytesAsync(path, image);
        var pixels = await RunBinaryAsync(["-v", "error", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "bgr24", "-"]);
        Assert.Equal(width * height * 3, pixels.Length);
        return (width, height, pixels);
    }

    /// <summary>JPEGs of ffmpeg's test pattern, concatenated as image2pipe writes them.</summary>
    public static Task<byte[]> TestPatternJpegsAsync(int frames, int width = 320, int height = 240) =>
        RunBinaryAsync([
            "-v", "error", "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc=size={width}x{height}:rate=10"),
            "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-f", "image2pipe", "-c:v", "mjpeg", "-"]);

    private static async Task<byte[]> RunBinaryAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var output = new MemoryStream();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.BaseStream.CopyToAsync(output);
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(limit.Token);
            Assert.True(process.ExitCode == 0, $"ffmpeg {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
            return output.ToArray();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
