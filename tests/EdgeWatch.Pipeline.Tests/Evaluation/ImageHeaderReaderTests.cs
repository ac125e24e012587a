using System.Diagnostics;
using EdgeWatch.Pipeline.Evaluation;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

public sealed class ImageHeaderReaderTests
{
    [Fact]
    public void Jpeg_sizes_match_the_sizes_coco_lists()
    {
        var truth = CocoInstancesFile.Load(SharedData.Path("testdata", "coco64", "instances.json"));

        foreach (var image in truth.Images)
        {
            var size = ImageHeaderReader.ReadSize(SharedData.Path("testdata", "coco64", "images", image.FileName));
            Assert.Equal((image.Width, image.Height), size);
        }

        Assert.Equal((768, 576), ImageHeaderReader.ReadSize(SharedData.Path("testdata", "images", "dog.jpg")));
    }

    [Fact]
    public async Task Png_size_comes_from_its_ihdr_chunk()
    {
        using var folder = new TemporaryFolder();
        var png = folder.Combine("dog.png");
        await Ffmpeg("-i", SharedData.Path("testdata", "images", "dog.jpg"), "-vf", "scale=123:45", png);

        Assert.Equal((123, 45), ImageHeaderReader.ReadSize(png));
    }

    [Fact]
    public void A_progressive_jpeg_frame_header_after_other_segments_is_found()
    {
        using var folder = new TemporaryFolder();
        byte[] bytes =
        [
            0xFF, 0xD8, // SOI
            0xFF, 0xE0, 0x00, 0x06, (byte)'J', (byte)'F', (byte)'I', (byte)'F', // APP0, 4 payload bytes
            0xFF, 0xE1, 0x00, 0x04, 0xAA, 0xBB, // APP1
            0xFF, 0xC4, 0x00, 0x03, 0x00, // DHT: in the SOF range but not a frame header
            0xFF, 0xFF, // fill bytes before the next marker
            0xFF, 0xC2, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x01, 0x01, 0x11, 0x00, // SOF2: 8 bit, 480 × 640
        ];
        var path = folder.Combine("progressive.jpg");
        File.WriteAllBytes(path, bytes);

        Assert.Equal((640, 480), ImageHeaderReader.ReadSize(path));
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_refused_by_name()
    {
        using var folder = new TemporaryFolder();
        var text = folder.Write("notes.jpg", "not a picture");
        var truncated = folder.Combine("truncated.jpg");
        File.WriteAllBytes(truncated, File.ReadAllBytes(SharedData.Path("testdata", "images", "dog.jpg"))[..100]);

        var notImage = Assert.Throws<EvaluationDataException>(() => ImageHeaderReader.ReadSize(text));
        var cut = Assert.Throws<EvaluationDataException>(() => ImageHeaderReader.ReadSize(truncated));

        Assert.Equal($"{text}: is neither a JPEG nor a PNG image", notImage.Message);
        Assert.StartsWith($"{truncated}: ", cut.Message, StringComparison.Ordinal);
    }

    private static async Task Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(process.ExitCode == 0, await errors);
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
