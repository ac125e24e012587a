using EdgeWatch.Worker.Snapshots;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Snapshots;

public sealed class JpegMarkersTests
{
    [Fact]
    public async Task A_stream_of_jpegs_read_in_small_pieces_is_split_exactly_at_each_end_of_image()
    {
        var stream = await FfmpegImages.TestPatternJpegsAsync(3);
        var images = new List<byte[]>();
        var buffer = new List<byte>();
        foreach (var chunk in stream.Chunk(997))
        {
            buffer.AddRange(chunk);
            int length;
            while ((length = JpegMarkers.CompleteLength(buffer.ToArray())) > 0)
            {
                images.Add([.. buffer.Take(length)]);
                buffer.RemoveRange(0, length);
            }
        }

        Assert.Empty(buffer);
        Assert.Equal(3, images.Count);
        Assert.Equal(stream.Length, images.Sum(i => i.Length));
        foreach (var image in images)
        {
            Assert.Equal(("mjpeg", 320, 240), await FfmpegImages.ProbeAsync(image));
        }
    }

    [Fact]
    public async Task An_end_of_image_marker_inside_a_segment_does_not_end_the_image()
    {
        var jpeg = (await FfmpegImages.TestPatternJpegsAsync(1))[..];
        // An APP1 segment whose data holds FF D9, as an embedded thumbnail's end would.
        byte[] app1 = [0xFF, 0xE1, 0x00, 0x08, 0xFF, 0xD9, 0xFF, 0xD9, 0x00, 0x00];
        byte[] tricky = [.. jpeg[..2], .. app1, .. jpeg[2..]];

        Assert.Equal(tricky.Length, JpegMarkers.CompleteLength(tricky));
        Assert.Equal(0, JpegMarkers.CompleteLength(tricky.AsSpan(0, 12)));
        Assert.Equal(0, JpegMarkers.CompleteLength(tricky.AsSpan(0, tricky.Length - 1)));
    }

    [Fact]
    public void Data_that_is_not_a_jpeg_is_refused_rather_than_waited_for()
    {
        Assert.Throws<InvalidDataException>(() => JpegMarkers.CompleteLength("P6\n320 240\n255\n"u8));
    }

    [Fact]
    public async Task A_comment_added_to_a_jpeg_reads_back_and_the_image_still_decodes()
    {
        var jpeg = await FfmpegImages.TestPatternJpegsAsync(1);

        var commented = JpegMarkers.WithComment(jpeg, "EdgeWatch camera=room frame=42 time=2025-06-01T12:00:00.0000000Z");

        Assert.Contains("EdgeWatch camera=room frame=42 time=2025-06-01T12:00:00.0000000Z", JpegMarkers.Comments(commented));
        Assert.Equal(commented.Length, JpegMarkers.CompleteLength(commented));
        Assert.Equal([0xFF, 0xE0], commented[2..4]); // JFIF's APP0 stays first
        var (width, height, _) = await FfmpegImages.DecodeAsync(commented);
        Assert.Equal((320, 240), (width, height));
    }
}
