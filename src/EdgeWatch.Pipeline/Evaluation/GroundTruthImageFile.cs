namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>An image of a ground truth and the file it was found in.</summary>
/// <param name="Image">The ground truth's image (id, listed size).</param>
/// <param name="Path">The image file.</param>
public sealed record GroundTruthImageFile(CocoImage Image, string Path);
