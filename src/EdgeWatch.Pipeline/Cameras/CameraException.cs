namespace EdgeWatch.Pipeline.Cameras;

/// <summary>A camera that cannot be read: ffmpeg missing, the source absent, a stall, a broken stream.</summary>
public sealed class CameraException : IOException
{
    public CameraException()
    {
    }

    public CameraException(string message)
        : base(message)
    {
    }

    public CameraException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
