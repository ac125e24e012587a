namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>One detection, as in a COCO results file.</summary>
/// <param name="ImageId">Image it was found in.</param>
/// <param name="CategoryId">COCO category id it was given.</param>
/// <param name="Box">Its box in pixels.</param>
/// <param name="Score">Confidence; higher ranks first.</param>
public readonly record struct CocoDetection(int ImageId, int CategoryId, CocoBox Box, double Score);
