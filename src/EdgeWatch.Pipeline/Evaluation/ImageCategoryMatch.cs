namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// How one image's detections of one category matched its ground truth in one area range, at every IoU
/// threshold (pycocotools' evaluateImg result).
/// </summary>
internal sealed class ImageCategoryMatch(double[] scores, bool[] matched, bool[] ignored, int countedGroundTruth)
{
    /// <summary>Detection scores, highest first (at most the largest detection limit).</summary>
    public double[] Scores { get; } = scores;

    /// <summary>[threshold * Scores.Length + detection]: matched a ground-truth object.</summary>
    public bool[] Matched { get; } = matched;

    /// <summary>[threshold * Scores.Length + detection]: neither a true nor a false positive (matched a crowd
    /// or out-of-range object, or unmatched and itself out of range).</summary>
    public bool[] Ignored { get; } = ignored;

    /// <summary>Ground-truth objects that count in this area range (not crowd, area inside it).</summary>
    public int CountedGroundTruth { get; } = countedGroundTruth;
}
