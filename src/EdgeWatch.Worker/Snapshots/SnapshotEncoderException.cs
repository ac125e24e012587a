namespace EdgeWatch.Worker.Snapshots;

/// <summary>The JPEG encoder (an ffmpeg process) failed: it could not start, died, stalled or wrote garbage.</summary>
public sealed class SnapshotEncoderException : IOException
{
    public SnapshotEncoderException()
    {
    }

    public SnapshotEncoderException(string message)
        : base(message)
    {
    }

    public SnapshotEncoderException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
