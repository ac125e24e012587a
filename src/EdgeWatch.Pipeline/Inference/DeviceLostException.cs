namespace EdgeWatch.Pipeline.Inference;

/// <summary>An accelerator that failed or vanished mid-inference (NC_ERROR, X_LINK_ERROR on an NCS2).</summary>
public sealed class DeviceLostException : IOException
{
    public DeviceLostException()
    {
    }

    public DeviceLostException(string message)
        : base(message)
    {
    }

    public DeviceLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
