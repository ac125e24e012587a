namespace EdgeWatch.Pipeline.Models;

/// <summary>The manifest's <c>thresholds</c> object: defaults a camera's settings can override.</summary>
public sealed record ModelThresholds
{
    /// <summary>Minimum score of a reported detection.</summary>
    public float Score { get; init; } = 0.5f;

    /// <summary>Class-aware NMS overlap; null when the model suppresses in its graph.</summary>
    public float? Nms { get; init; } = 0.45f;

    public int MaxDetections { get; init; } = 100;

    /// <summary>Minimum score by label name, overriding <see cref="Score"/>.</summary>
    public IReadOnlyDictionary<string, float>? PerLabel { get; init; }
}
