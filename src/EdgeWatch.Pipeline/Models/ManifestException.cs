namespace EdgeWatch.Pipeline.Models;

/// <summary>A model manifest that cannot be used; the message names the file and the key.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException()
    {
    }

    public ManifestException(string message)
        : base(message)
    {
    }

    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
