namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// Precision [IoU threshold, recall threshold, category, area range, detection limit] and recall [IoU
/// threshold, category, area range, detection limit], -1 where a category has no ground truth that counts
/// (pycocotools' eval['precision'] and eval['recall']).
/// </summary>
internal sealed class CocoPrecisionTable
{
    private readonly int _categories;
    private readonly int _areas;
    private readonly int _limits;
    private readonly double[] _precision;
    private readonly double[] _recall;

    public CocoPrecisionTable(int categories, int areas, int limits)
    {
        _categories = categories;
        _areas = areas;
        _limits = limits;
        _precision = new double[Thresholds * RecallPoints * categories * areas * limits];
        _recall = new double[Thresholds * categories * areas * limits];
        Array.Fill(_precision, -1);
        Array.Fill(_recall, -1);
    }

    private static int Thresholds => CocoThresholds.Iou.Length;

    private static int RecallPoints => CocoThresholds.Recall.Length;

    public double Precision(int t, int r, int k, int a, int m) => _precision[PrecisionIndex(t, r, k, a, m)];

    public void SetPrecision(int t, int r, int k, int a, int m, double value) => _precision[PrecisionIndex(t, r, k, a, m)] = value;

    public void SetRecall(int t, int k, int a, int m, double value) => _recall[RecallIndex(t, k, a, m)] = value;

    /// <summary>Mean precision over the IoU thresholds (or one), all recall thresholds and the categories (or
    /// one), leaving out -1 entries; -1 when nothing is left (pycocotools' summarize for AP).</summary>
    public double MeanPrecision(int? threshold, int a, int m, int? category = null)
    {
        double sum = 0;
        var count = 0;
        foreach (var t in threshold is { } only ? [only] : Enumerable.Range(0, Thresholds))
        {
            for (var r = 0; r < RecallPoints; r++)
            {
                foreach (var k in category is { } one ? [one] : Enumerable.Range(0, _categories))
                {
                    var p = Precision(t, r, k, a, m);
                    if (p > -1)
                    {
                        sum += p;
                        count++;
                    }
                }
            }
        }

        return count > 0 ? sum / count : -1;
    }

    /// <summary>Mean final recall over all IoU thresholds and categories, leaving out -1 entries; -1 when
    /// nothing is left (pycocotools' summarize for AR).</summary>
    public double MeanRecall(int a, int m)
    {
        double sum = 0;
        var count = 0;
        for (var t = 0; t < Thresholds; t++)
        {
            for (var k = 0; k < _categories; k++)
            {
                var value = _recall[RecallIndex(t, k, a, m)];
                if (value > -1)
                {
                    sum += value;
                    count++;
                }
            }
        }

        return count > 0 ? sum / count : -1;
    }

    private int PrecisionIndex(int t, int r, int k, int a, int m) => ((((((t * RecallPoints) + r) * _categories) + k) * _areas) + a) * _limits + m;

    private int RecallIndex(int t, int k, int a, int m) => ((((t * _categories) + k) * _areas) + a) * _limits + m;
}
