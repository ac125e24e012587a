using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>Parameters of <see cref="TfObjectDetectionDecoder"/>: the output names of a TensorFlow OD API export.</summary>
public sealed record TfObjectDetectionDecoderOptions : DecoderOptions
{
    public string BoxesOutput { get; init; } = "detection_boxes";

    public string ScoresOutput { get; init; } = "detection_scores";

    public string ClassesOutput { get; init; } = "detection_classes";

    public string CountOutput { get; init; } = "num_detections";

    /// <summary>Added to the class id to index the labels file.</summary>
    public int LabelOffset { get; init; }
}

/// <summary>
/// TensorFlow Object Detection API models: <c>detection_boxes</c> [1, N, 4] as (ymin, xmin, ymax, xmax) normalised,
/// <c>detection_scores</c> [1, N], <c>detection_classes</c> [1, N] (float class ids), <c>num_detections</c> [1].
/// Suppression is done in the graph.
/// </summary>
public sealed class TfObjectDetectionDecoder : IDetectionDecoder
{
    private readonly TfObjectDetectionDecoderOptions _options;
    private int _boxes = -1;
    private int _scores = -1;
    private int _classes = -1;
    private int _count = -1;

    public TfObjectDetectionDecoder(TfObjectDetectionDecoderOptions options, DecoderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public bool OutputIsSuppressed => true;

    public void Bind(IReadOnlyList<TensorDescription> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        _boxes = OutputLookup.IndexOf(outputs, _options.BoxesOutput, -1, "tf-od-api", "boxes [1, N, 4]");
        _scores = OutputLookup.IndexOf(outputs, _options.ScoresOutput, -1, "tf-od-api", "scores [1, N]");
        _classes = OutputLookup.IndexOf(outputs, _options.ClassesOutput, -1, "tf-od-api", "classes [1, N]");
        _count = OutputLookup.IndexOf(outputs, _options.CountOutput, -1, "tf-od-api", "count [1]");
        if (OutputLookup.LastDim(outputs[_boxes]) is not (4 or -1))
        {
            throw new DecoderException($"decoder 'tf-od-api' expects {_options.BoxesOutput} [1, N, 4]; the model has {outputs[_boxes]}");
        }
    }

    public void Decode(IReadOnlyList<OutputTensor> outputs, in ImageTransform transform, float minScore, DetectionList results)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(results);
        var boxes = outputs[_boxes].Values;
        var scores = outputs[_scores].Values;
        var classes = outputs[_classes].Values;
        var declared = outputs[_count].Values;
        var count = Math.Min(scores.Length, Math.Min(classes.Length, boxes.Length / 4));
        if (declared.Length > 0)
        {
            count = Math.Min(count, (int)declared[0]);
        }

        for (var i = 0; i < count; i++)
        {
            if (scores[i] < minScore)
            {
                continue;
            }

            var box = boxes.Slice(i * 4, 4);
            var label = (int)classes[i] + _options.LabelOffset;
            results.Add(new Detection(label, scores[i], transform.MapFromNormalized(box[1], box[0], box[3], box[2])));
        }
    }
}
