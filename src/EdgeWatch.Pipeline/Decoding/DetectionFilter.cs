using EdgeWatch.Pipeline.Detections;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>
/// What every decoder's candidates go through: per-label score thresholds, class-aware non-maximum suppression (unless the
/// model did it), best first, at most N. Works in place on the list; allocation-free once its scratch array has grown.
/// </summary>
public sealed class DetectionFilter
{
    private readonly float[] _thresholds;
    private readonly float _defaultThreshold;
    private bool[] _suppressed = new bool[64];

    /// <param name="defaultThreshold">Minimum score for labels without their own threshold.</param>
    /// <param name="perLabelThresholds">Minimum score by label index (NaN = use the default); may be shorter than the label set.</param>
    /// <param name="nmsIoU">Overlap above which the lower-scored box of the same label is dropped; null disables suppression.</param>
    /// <param name="maxDetections">At most this many detections per frame, best first.</param>
    public DetectionFilter(float defaultThreshold, IReadOnlyList<float>? perLabelThresholds, float? nmsIoU, int maxDetections)
    {
        _defaultThreshold = defaultThreshold;
        _thresholds = perLabelThresholds?.ToArray() ?? [];
        NmsIoU = nmsIoU;
        MaxDetections = maxDetections;
        MinimumThreshold = _thresholds.Where(t => !float.IsNaN(t)).Append(defaultThreshold).Min();
    }

    /// <summary>The lowest threshold of any label: decoders can drop everything below it early.</summary>
    public float MinimumThreshold { get; }

    public float? NmsIoU { get; }

    public int MaxDetections { get; }

    /// <summary>Filters, sorts, suppresses and truncates <paramref name="detections"/> in place.</summary>
    public void Apply(DetectionList detections, bool alreadySuppressed)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var items = detections.AsSpan();
        var kept = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Score >= ThresholdOf(items[i].Label))
            {
                items[kept++] = items[i];
            }
        }

        items = items[..kept];
        items.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        if (NmsIoU is { } iou && !alreadySuppressed)
        {
            kept = Suppress(items, iou);
        }

        detections.Truncate(Math.Min(kept, MaxDetections));
    }

    private float ThresholdOf(int label) =>
        (uint)label < (uint)_thresholds.Length && !float.IsNaN(_thresholds[label]) ? _thresholds[label] : _defaultThreshold;

    // Greedy class-aware NMS over a list sorted best first; survivors are compacted to the front, order kept.
    private int Suppress(Span<Detection> items, float iou)
    {
        if (_suppressed.Length < items.Length)
        {
            _suppressed = new bool[Math.Max(items.Length, _suppressed.Length * 2)];
        }

        var suppressed = _suppressed.AsSpan(0, items.Length);
        suppressed.Clear();
        var kept = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (suppressed[i])
            {
                continue;
            }

            var keep = items[i];
            items[kept++] = keep;
            if (!keep.HasBox)
            {
                continue;
            }

            for (var j = i + 1; j < items.Length; j++)
            {
                if (!suppressed[j] && items[j].Label == keep.Label && keep.Box.IoU(items[j].Box) > iou)
                {
                    suppressed[j] = true;
                }
            }
        }

        return kept;
    }
}
