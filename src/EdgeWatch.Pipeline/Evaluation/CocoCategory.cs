namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>An object category: its COCO id (1..90 with gaps for the official set) and name.</summary>
/// <param name="Id">Category id, as used by annotations and detections.</param>
/// <param name="Name">Display name (the official COCO name for COCO categories).</param>
public sealed record CocoCategory(int Id, string Name);
