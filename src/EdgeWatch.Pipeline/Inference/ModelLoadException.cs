namespace EdgeWatch.Pipeline.Inference;

/// <summary>A model that a backend cannot load: missing, corrupt, or not what its manifest says.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException()
    {
    }

    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
