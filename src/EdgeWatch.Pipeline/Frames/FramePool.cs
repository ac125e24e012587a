using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Frames;

/// <summary>
/// A camera's frame buffers, all of the camera's current size. Bounded: when every buffer is in use (the pipeline is
/// holding them), <see cref="TryRent"/> says no and the reader drops the frame rather than allocating without end.
/// </summary>
public sealed class FramePool
{
    private readonly Stack<Frame> _free = new();
    private readonly Lock _gate = new();
    private int _created;

    public FramePool(string camera, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Camera = camera;
        Capacity = capacity;
    }

    public string Camera { get; }

    /// <summary>Most buffers that may exist at once.</summary>
    public int Capacity { get; }

    /// <summary>Buffers created so far (at most <see cref="Capacity"/> of the current size).</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>A frame of the given size and format, or null when all buffers are in use.</summary>
    public Frame? TryRent(int width, int height, PixelFormat format = PixelFormat.Bgr24)
    {
        lock (_gate)
        {
            while (_free.TryPop(out var frame))
            {
                if (frame.Width == width && frame.Height == height && frame.Format == format)
                {
                    return frame;
                }

                _created--; // a buffer of an old size: let it go
            }

            if (_created >= Capacity)
            {
                return null;
            }

            _created++;
            return new Frame(this, width, height, format);
        }
    }

    /// <summary>
    /// A frame holding a copy of <paramref name="image"/> (a still image or a decoded clip replayed, as benchmarks do),
    /// numbered <paramref name="number"/> and stamped now, with one reference; null when all buffers are in use.
    /// </summary>
    public Frame? TryRentCopy(ImageView image, long number)
    {
        var frame = TryRent(image.Width, image.Height, image.Format);
        if (frame is null)
        {
            return null;
        }

        if (image.Format == PixelFormat.I420)
        {
            image.Pixels[..frame.Pixels.Length].CopyTo(frame.Pixels);
        }
        else
        {
            var row = image.Width * 3;
            for (var y = 0; y < image.Height; y++)
            {
                image.Pixels.Slice(y * image.Stride, row).CopyTo(frame.Pixels.AsSpan(y * row, row));
            }
        }

        frame.Rent(number, DateTime.UtcNow, System.Diagnostics.Stopwatch.GetTimestamp());
        return frame;
    }

    internal void Return(Frame frame)
    {
        lock (_gate)
        {
            _free.Push(frame);
        }
    }
}
