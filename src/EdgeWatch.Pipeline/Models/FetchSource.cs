namespace EdgeWatch.Pipeline.Models;

/// <summary>How a model file got where it is.</summary>
public enum FetchSource
{
    /// <summary>It was there already, with the right checksum.</summary>
    AlreadyPresent,

    /// <summary>Copied from the mirror folder.</summary>
    Mirror,

    /// <summary>Downloaded from its upstream URL.</summary>
    Download,
}
