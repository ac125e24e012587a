using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Preprocessing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// The frames a throughput benchmark replays: the first few frames of a video, an image, or an ffmpeg test pattern,
/// decoded once by ffmpeg exactly as a camera's frames are (I420 at the source's size), then copied into pooled frames
/// as fast as the workers take them — so decoding is not what is measured.
/// </summary>
internal sealed class BenchFrames
{
    /// <summary>The source used when none is given: a moving test pattern the size of the sample video.</summary>
    public const string DefaultSource = "lavfi:testsrc2=size=768x432:rate=1000";

    private BenchFrames(string description, IReadOnlyList<CapturedImage> images)
    {
        Description = description;
        Images = images;
    }

    /// <summary>Where the frames came from, for the table's heading.</summary>
    public string Description { get; }

    public IReadOnlyList<CapturedImage> Images { get; }

    public int Width => Images[0].Width;

    public int Height => Images[0].Height;

    /// <summary>Decodes up to <paramref name="count"/> frames of <paramref name="source"/> (a file, or lavfi:GRAPH).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CameraException">ffmpeg cannot read it.</exception>
    public static BenchFrames Load(string source, int count, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        var isPattern = source.StartsWith("lavfi:", StringComparison.Ordinal);
        if (!isPattern && !File.Exists(source))
        {
            throw new FileNotFoundException($"{source}: no such image or video");
        }

        var options = new CameraOptions { Source = isPattern ? source : "file:" + Path.GetFullPath(source), Realtime = false, Loop = false };
        var camera = CameraSource.TryParse("bench", options, out var problem) ?? throw new CameraException($"{source}: {problem}");
        var pool = new FramePool("bench", 2);
        var images = new List<CapturedImage>(count);
        using (var ffmpeg = FfmpegFrameSource.Start(camera, pool, NullLogger.Instance))
        {
            while (images.Count < count)
            {
                var read = ffmpeg.Read(images.Count + 1, TimeSpan.FromSeconds(30), cancellation);
                if (read.Frame is not { } frame)
                {
                    if (read.Outcome == FrameReadOutcome.EndOfStream)
                    {
                        break;
                    }

                    continue;
                }

                images.Add(new CapturedImage(frame.Pixels.AsSpan(0, ImageView.ByteLength(frame.Format, frame.Width, frame.Height)).ToArray(), frame.Width, frame.Height, frame.Format));
                frame.Release();
            }
        }

        if (images.Count == 0)
        {
            throw new CameraException($"{source}: ffmpeg delivered no frame");
        }

        var name = isPattern ? source : Path.GetFileName(source);
        var what = images.Count == 1 ? "1 frame" : $"{images.Count} frames";
        return new BenchFrames($"{what} of {name} ({images[0].Width}x{images[0].Height})", images);
    }
}

/// <summary>A frame as the camera delivered it, kept for replaying.</summary>
internal sealed record CapturedImage(byte[] Pixels, int Width, int Height, PixelFormat Format)
{
    public ImageView View => new(Pixels, Width, Height, format: Format);
}
