using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>Parameters of <see cref="DetectionOutputDecoder"/>.</summary>
public sealed record DetectionOutputDecoderOptions : DecoderOptions
{
    /// <summary>Added to the output's label to index the labels file (0 when the file is indexed by COCO id).</summary>
    public int LabelOffset { get; init; }
}

/// <summary>
/// OpenVINO's <c>DetectionOutput</c> layer (the seeds' MobileNetV2-SSD, SSD-VGG16): [1, 1, N, 7] rows of
/// (image_id, label, confidence, x_min, y_min, x_max, y_max), coordinates normalised to the input; image_id &lt; 0 ends
/// the list. Suppression is already done in the graph.
/// </summary>
public sealed class DetectionOutputDecoder : IDetectionDecoder
{
    private readonly DetectionOutputDecoderOptions _options;
    private int _output = -1;

    public DetectionOutputDecoder(DetectionOutputDecoderOptions options, DecoderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public bool OutputIsSuppressed => true;

    public void Bind(IReadOnlyList<TensorDescription> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        _output = OutputLookup.IndexOf(outputs, null, 0, "detection-output", "[1, 1, N, 7]");
        if (OutputLookup.LastDim(outputs[_output]) != 7)
        {
            throw new DecoderException($"decoder 'detection-output' expects an output [1, 1, N, 7]; the model's output is {outputs[_output]}");
        }
    }

    public void Decode(IReadOnlyList<OutputTensor> outputs, in ImageTransform transform, float minScore, DetectionList results)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(results);
        var data = outputs[_output].Values;
        for (var offset = 0; offset + 7 <= data.Length; offset += 7)
        {
            var row = data.Slice(offset, 7);
            if (row[0] < 0f)
            {
                break;
            }

            var score = row[2];
            if (score < minScore)
            {
                continue;
            }

            var label = (int)row[1] + _options.LabelOffset;
            results.Add(new Detection(label, score, transform.MapFromNormalized(row[3], row[4], row[5], row[6])));
        }
    }
}
