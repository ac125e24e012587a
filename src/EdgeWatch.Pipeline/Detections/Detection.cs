namespace EdgeWatch.Pipeline.Detections;

/// <summary>
/// One thing a model found: a label (index into the model's <see cref="LabelSet"/>), a score in 0..1, and a box in frame
/// pixels (absent for classifiers).
/// </summary>
public readonly record struct Detection(int Label, float Score, BoundingBox Box, bool HasBox = true);
