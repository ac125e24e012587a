namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>One category's score: AP over IoU 0.50:0.95 and AP at IoU 0.50, all areas, the last detection limit.</summary>
/// <param name="CategoryId">Category id.</param>
/// <param name="Name">Category name.</param>
/// <param name="Ap">AP @[.50:.95]; -1 when the category has no ground truth (then it is left out of the means).</param>
/// <param name="Ap50">AP @.50; -1 when the category has no ground truth.</param>
/// <param name="GroundTruthCount">Its ground-truth objects, crowd regions not counted.</param>
public sealed record CocoClassAveragePrecision(int CategoryId, string Name, double Ap, double Ap50, int GroundTruthCount)
{
    /// <summary>True when the category has ground truth that counts, so its AP means something.</summary>
    public bool HasGroundTruth => Ap > -1;
}
