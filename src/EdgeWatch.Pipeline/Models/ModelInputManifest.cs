using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Models;

/// <summary>The manifest's <c>input</c> object: how to feed the model, and which of its inputs to feed.</summary>
public sealed record ModelInputManifest : PreprocessSpec
{
    /// <summary>The input's name in the model; the only input when absent.</summary>
    public string? Name { get; init; }
}
