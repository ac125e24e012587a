using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Detections;

namespace EdgeWatch.Pipeline.Tests.Decoding;

public sealed class DetectionFilterTests
{
    [Fact]
    public void Overlapping_boxes_of_the_same_label_keep_only_the_best_but_other_labels_survive()
    {
        var list = List(
            new Detection(0, 0.6f, new BoundingBox(10, 10, 110, 110)),
            new Detection(0, 0.9f, new BoundingBox(12, 12, 112, 112)),   // overlaps the first: wins
            new Detection(1, 0.7f, new BoundingBox(12, 12, 112, 112)),   // same place, other label: kept
            new Detection(0, 0.5f, new BoundingBox(300, 300, 400, 400))); // elsewhere: kept

        new DetectionFilter(0.3f, null, 0.45f, 100).Apply(list, alreadySuppressed: false);

        Assert.Equal([(0, 0.9f), (1, 0.7f), (0, 0.5f)], list.AsReadOnlySpan().ToArray().Select(d => (d.Label, d.Score)));
    }

    [Fact]
    public void Per_label_thresholds_override_the_default_and_the_list_is_cut_to_the_maximum()
    {
        var list = List(
            new Detection(0, 0.35f, new BoundingBox(0, 0, 10, 10)),     // label 0 needs 0.5: dropped
            new Detection(1, 0.35f, new BoundingBox(20, 0, 30, 10)),    // label 1 uses the default 0.3: kept
            new Detection(1, 0.8f, new BoundingBox(40, 0, 50, 10)),
            new Detection(2, 0.9f, new BoundingBox(60, 0, 70, 10)));

        var filter = new DetectionFilter(0.3f, [0.5f, float.NaN], nmsIoU: null, maxDetections: 2);
        filter.Apply(list, alreadySuppressed: true);

        Assert.Equal(0.3f, filter.MinimumThreshold);
        Assert.Equal([(2, 0.9f), (1, 0.8f)], list.AsReadOnlySpan().ToArray().Select(d => (d.Label, d.Score)));
    }

    [Fact]
    public void Boxes_touching_at_the_iou_limit_both_survive()
    {
        // IoU of these two is exactly 1/3: above 0.3 suppresses, 0.45 keeps both.
        var list = List(new Detection(0, 0.9f, new BoundingBox(0, 0, 20, 10)), new Detection(0, 0.8f, new BoundingBox(10, 0, 30, 10)));
        new DetectionFilter(0.1f, null, 0.45f, 10).Apply(list, alreadySuppressed: false);
        Assert.Equal(2, list.Count);
        new DetectionFilter(0.1f, null, 0.3f, 10).Apply(list, alreadySuppressed: false);
        Assert.Equal(1, list.Count);
    }

    private static DetectionList List(params Detection[] detections)
    {
        var list = new DetectionList(2);
        foreach (var d in detections)
        {
            list.Add(d);
        }

        return list;
    }
}
