using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Frames;

/// <summary>
/// One frame in a pooled buffer: I420 as cameras deliver it, or BGR24 copied from a decoded image. Reference-counted:
/// whoever keeps it past the call that handed it over (the scheduler, an inference request, the snapshot encoder) takes
/// a reference and releases it when done; the last release returns the buffer to its pool.
/// </summary>
public sealed class Frame
{
    private readonly FramePool _pool;
    private int _references;

    internal Frame(FramePool pool, int width, int height, PixelFormat format)
    {
        _pool = pool;
        Width = width;
        Height = height;
        Format = format;
        Pixels = GC.AllocateUninitializedArray<byte>(ImageView.ByteLength(format, width, height));
    }

    /// <summary>The camera this frame came from.</summary>
    public string Camera => _pool.Camera;

    public int Width { get; }

    public int Height { get; }

    /// <summary>How <see cref="Pixels"/> are laid out: I420 from cameras, BGR24 from still images.</summary>
    public PixelFormat Format { get; }

    /// <summary>The pixels, as <see cref="Format"/> says.</summary>
    public byte[] Pixels { get; }

    /// <summary>Position in the camera's stream, counting every frame read (dropped ones included), from 1.</summary>
    public long Number { get; internal set; }

    /// <summary>Wall-clock time the frame was read (UTC), for messages.</summary>
    public DateTime Timestamp { get; internal set; }

    /// <summary>Monotonic time the frame was read (<see cref="System.Diagnostics.Stopwatch"/> ticks), for ages and latencies.</summary>
    public long CapturedAt { get; internal set; }

    public ImageView View => new(Pixels, Width, Height, 0, Format);

    /// <summary>The frame as BGR24, into <paramref name="bgr"/> (Width * Height * 3 bytes), converting if it is I420.</summary>
    public void CopyAsBgr(Span<byte> bgr)
    {
        if (Format == PixelFormat.Bgr24)
        {
            Pixels.AsSpan(0, Width * Height * 3).CopyTo(bgr);
        }
        else
        {
            YuvToBgr.ConvertImage(View, bgr);
        }
    }

    /// <summary>Takes a reference; the frame stays valid until a matching <see cref="Release"/>.</summary>
    public Frame AddReference()
    {
        if (Interlocked.Increment(ref _references) <= 1)
        {
            throw new InvalidOperationException("A frame was used after it went back to its pool.");
        }

        return this;
    }

    /// <summary>Drops a reference; the last one returns the buffer to the pool.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            _pool.Return(this);
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A frame was released more often than it was referenced.");
        }
    }

    /// <summary>
    /// A recording's frame read ahead: its time is the moment a worker takes it, not the moment it was read (a recording
    /// has no capture time that matters, and it is read early only so no worker waits for ffmpeg).
    /// </summary>
    public bool StampWhenTaken { get; set; }

    /// <summary>
    /// Stamps the frame with the present moment: a frame read ahead (a recording's, a benchmark's) and handed to the
    /// scheduler only now, so its age counts from the handover.
    /// </summary>
    public void Restamp()
    {
        Timestamp = DateTime.UtcNow;
        CapturedAt = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>Hands the frame out of the pool with one reference.</summary>
    internal void Rent(long number, DateTime timestamp, long capturedAt)
    {
        StampWhenTaken = false;
        Number = number;
        Timestamp = timestamp;
        CapturedAt = capturedAt;
        Volatile.Write(ref _references, 1);
    }
}
