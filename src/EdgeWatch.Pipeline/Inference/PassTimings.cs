namespace EdgeWatch.Pipeline.Inference;

/// <summary>How long each step of one detection took.</summary>
public readonly record struct PassTimings(TimeSpan Preprocess, TimeSpan Inference, TimeSpan Decode);
