namespace EdgeWatch.Pipeline.Inference;

/// <summary>
/// A device that cannot take a model right now: an NCS2 that is missing, unbooted or out of memory, or a runtime without
/// the device's plugin. Worth retrying later, unlike a <see cref="ModelLoadException"/>.
/// </summary>
public sealed class DeviceUnavailableException : IOException
{
    public DeviceUnavailableException()
    {
    }

    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    public DeviceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
