namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>COCO's IoU and recall thresholds, bit for bit as pycocotools builds them with numpy.linspace.</summary>
internal static class CocoThresholds
{
    /// <summary>0.50, 0.55, ..., 0.95 (10 values).</summary>
    public static double[] Iou { get; } = Linspace(0.5, 0.95, 10);

    /// <summary>0.00, 0.01, ..., 1.00 (101 values): precision is sampled at these recalls.</summary>
    public static double[] Recall { get; } = Linspace(0.0, 1.0, 101);

    /// <summary>The index of the IoU threshold closest to <paramref name="threshold"/>.</summary>
    public static int IouIndex(double threshold) =>
        Array.IndexOf(Iou, Iou.MinBy(t => Math.Abs(t - threshold)));

    // numpy.linspace(start, stop, num, endpoint=True): i * step + start, with the last value set to stop.
    // The exact values matter: an IoU exactly on a threshold counts as a match.
    private static double[] Linspace(double start, double stop, int count)
    {
        var step = (stop - start) / (count - 1);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (i * step) + start;
        }

        values[^1] = stop;
        return values;
    }
}
