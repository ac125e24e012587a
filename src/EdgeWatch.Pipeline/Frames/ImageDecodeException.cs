namespace EdgeWatch.Pipeline.Frames;

/// <summary>An image file that cannot be read or decoded; the message names the file and says why.</summary>
public sealed class ImageDecodeException : IOException
{
    public ImageDecodeException()
    {
    }

    public ImageDecodeException(string message)
        : base(message)
    {
    }

    public ImageDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
