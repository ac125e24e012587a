namespace EdgeWatch.Pipeline.Models;

/// <summary>A model file that could not be fetched, or arrived with the wrong checksum.</summary>
public sealed class ModelFetchException : IOException
{
    public ModelFetchException()
    {
    }

    public ModelFetchException(string message)
        : base(message)
    {
    }

    public ModelFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
