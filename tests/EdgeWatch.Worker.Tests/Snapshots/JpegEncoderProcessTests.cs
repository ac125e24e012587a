using System.Buffers;
using System.Diagnostics;
using EdgeWatch.Worker.Snapshots;
using EdgeWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Snapshots;

public sealed class JpegEncoderProcessTests(ITestOutputHelper output)
{
    private const int Width = 160;
    private const int Height = 120;

    [Fact]
    public async Task Each_frame_written_comes_back_as_its_own_jpeg_without_waiting_for_the_next()
    {
        using var encoder = JpegEncoderProcess.Start("ffmpeg", Width, Height, 3, new TestLogger<JpegEncoderProcess>(output));
        var jpeg = new ArrayBufferWriter<byte>();
        BgrColour[] colours = [new(0, 0, 255), new(0, 255, 0), new(255, 0, 0)];
        foreach (var colour in colours)
        {
            var frame = new byte[Width * Height * 3];
            FrameAnnotator.FillRectangle(frame, Width, Height, 0, 0, Width - 1, Height - 1, colour);

            // Encode returns only once this frame's JPEG is complete: a one-frame lag would time out here.
            var length = encoder.Encode(frame, jpeg, TimeSpan.FromSeconds(20));

            var (width, height, pixels) = await FfmpegImages.DecodeAsync(jpeg.WrittenSpan[..length].ToArray());
            Assert.Equal((Width, Height), (width, height));
            var centre = (((Height / 2) * Width) + (Width / 2)) * 3;
            Assert.InRange(pixels[centre], colour.B - 8, colour.B + 8);
            Assert.InRange(pixels[centre + 1], colour.G - 8, colour.G + 8);
            Assert.InRange(pixels[centre + 2], colour.R - 8, colour.R + 8);
        }
    }

    [Fact]
    public void A_killed_encoder_fails_with_an_error_instead_of_hanging()
    {
        var encoder = JpegEncoderProcess.Start("ffmpeg", Width, Height, 5, new TestLogger<JpegEncoderProcess>(output));
        var pid = encoder.ProcessId;
        using (Process.GetProcessById(pid))
        {
            encoder.Abort();
        }

        var error = Assert.Throws<SnapshotEncoderException>(() => encoder.Encode(new byte[Width * Height * 3], new ArrayBufferWriter<byte>(), TimeSpan.FromSeconds(20)));
        Assert.Contains($"pid {pid}", error.Message, StringComparison.Ordinal);
        encoder.Dispose();
    }

    [Fact]
    public async Task A_stalled_encoder_is_killed_after_the_timeout()
    {
        // A stand-in for ffmpeg that reads nothing and writes nothing: the frame write itself blocks once the pipe is full.
        using var directory = new TempDirectory("stall");
        var script = directory.File("ffmpeg");
        File.WriteAllText(script, "#!/bin/sh\nexec sleep 600\n");
        await ExternalProcess.RunCheckedAsync("chmod", "+x", script);
        using var encoder = JpegEncoderProcess.Start(script, Width, Height, 5, new TestLogger<JpegEncoderProcess>(output));
        var pid = encoder.ProcessId;

        var error = Assert.Throws<SnapshotEncoderException>(() => encoder.Encode(new byte[Width * Height * 3], new ArrayBufferWriter<byte>(), TimeSpan.FromSeconds(1)));

        Assert.Contains("no JPEG within 1 s", error.Message, StringComparison.Ordinal);
        Assert.True(WaitForExit(pid), $"the stalled encoder {pid} is still running");
    }

    private static bool WaitForExit(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
