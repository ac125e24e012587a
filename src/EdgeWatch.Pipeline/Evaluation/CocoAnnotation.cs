namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>One ground-truth object.</summary>
/// <param name="Id">Annotation id. Ids should be non-zero: pycocotools records a match as the matched
/// annotation's id, so a match to id 0 counts as no match there, and here too (for identical figures).</param>
/// <param name="ImageId">Image the object is in.</param>
/// <param name="CategoryId">Its category.</param>
/// <param name="Box">Its box in pixels.</param>
/// <param name="Area">The area that decides its small/medium/large range (COCO files give the segmentation
/// area here, which is not the box area).</param>
/// <param name="IsCrowd">A crowd region: never a miss, and detections inside it are neither right nor wrong.</param>
public sealed record CocoAnnotation(long Id, int ImageId, int CategoryId, CocoBox Box, double Area, bool IsCrowd);
