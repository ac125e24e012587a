namespace EdgeWatch.Pipeline.Inference;

/// <summary>An inference that did not complete within its deadline: the device is presumed hung.</summary>
public sealed class InferenceTimeoutException : IOException
{
    public InferenceTimeoutException()
    {
    }

    public InferenceTimeoutException(string message)
        : base(message)
    {
    }

    public InferenceTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
