namespace EdgeWatch.Pipeline.Decoding;

/// <summary>A decoder that does not fit the model's outputs, or parameters that make no sense.</summary>
public sealed class DecoderException : Exception
{
    public DecoderException()
    {
    }

    public DecoderException(string message)
        : base(message)
    {
    }

    public DecoderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
