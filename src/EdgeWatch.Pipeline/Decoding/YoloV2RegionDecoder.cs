using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>Parameters of <see cref="YoloV2RegionDecoder"/>; the defaults are Tiny-YOLOv2 VOC's.</summary>
public sealed record YoloV2RegionDecoderOptions : DecoderOptions
{
    /// <summary>Anchor (width, height) pairs in grid cells, flattened.</summary>
    public IReadOnlyList<float> Anchors { get; init; } = [1.08f, 1.19f, 3.42f, 4.41f, 6.63f, 11.38f, 9.42f, 5.11f, 16.62f, 10.52f];
}

/// <summary>
/// A YOLOv2 region layer without post-processing: [1, A * (5 + C), H, W], per anchor the channels (tx, ty, tw, th, to,
/// C class logits). x = (col + sigmoid(tx)) / W, w = anchor_w * exp(tw) / W, score = sigmoid(to) * softmax(logits).
/// </summary>
public sealed class YoloV2RegionDecoder : IDetectionDecoder
{
    private readonly YoloV2RegionDecoderOptions _options;
    private readonly int _anchors;
    private int _output = -1;
    private int _classes;
    private int _gridW;
    private int _gridH;
    private float[] _probabilities = [];

    public YoloV2RegionDecoder(YoloV2RegionDecoderOptions options, DecoderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Anchors.Count == 0 || options.Anchors.Count % 2 != 0)
        {
            throw new DecoderException("decoder.anchors must list (width, height) pairs");
        }

        _options = options;
        _anchors = options.Anchors.Count / 2;
    }

    public bool OutputIsSuppressed => false;

    public void Bind(IReadOnlyList<TensorDescription> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        _output = OutputLookup.IndexOf(outputs, null, 0, "yolo-v2-region", "[1, anchors * (5 + classes), H, W]");
        var shape = outputs[_output].Shape;
        if (shape.Count != 4 || shape[1] <= 0 || shape[1] % _anchors != 0 || shape[1] / _anchors <= 5 || shape[2] <= 0 || shape[3] <= 0)
        {
            throw new DecoderException(
                $"decoder 'yolo-v2-region' with {_anchors} anchors expects an output [1, {_anchors} * (5 + classes), H, W]; the model's output is {outputs[_output]}");
        }

        _classes = (int)(shape[1] / _anchors) - 5;
        _gridH = (int)shape[2];
        _gridW = (int)shape[3];
        _probabilities = new float[_classes];
    }

    public void Decode(IReadOnlyList<OutputTensor> outputs, in ImageTransform transform, float minScore, DetectionList results)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(results);
        var data = outputs[_output].Values;
        var plane = _gridW * _gridH;
        var perAnchor = (5 + _classes) * plane;
        if (data.Length < perAnchor * _anchors)
        {
            return;
        }

        for (var a = 0; a < _anchors; a++)
        {
            var channels = data.Slice(a * perAnchor, perAnchor);
            for (var row = 0; row < _gridH; row++)
            {
                for (var col = 0; col < _gridW; col++)
                {
                    var cell = row * _gridW + col;
                    var objectness = Sigmoid(channels[4 * plane + cell]);
                    if (objectness < minScore)
                    {
                        continue;
                    }

                    // Softmax over the class logits, stabilised by the maximum.
                    var max = float.NegativeInfinity;
                    for (var c = 0; c < _classes; c++)
                    {
                        max = MathF.Max(max, channels[(5 + c) * plane + cell]);
                    }

                    var sum = 0f;
                    for (var c = 0; c < _classes; c++)
                    {
                        sum += _probabilities[c] = MathF.Exp(channels[(5 + c) * plane + cell] - max);
                    }

                    var cx = (col + Sigmoid(channels[cell])) / _gridW;
                    var cy = (row + Sigmoid(channels[plane + cell])) / _gridH;
                    var halfW = _options.Anchors[2 * a] * MathF.Exp(channels[2 * plane + cell]) / _gridW * 0.5f;
                    var halfH = _options.Anchors[2 * a + 1] * MathF.Exp(channels[3 * plane + cell]) / _gridH * 0.5f;
                    for (var c = 0; c < _classes; c++)
                    {
                        var score = objectness * _probabilities[c] / sum;
                        if (score >= minScore)
                        {
                            results.Add(new Detection(c, score, transform.MapFromNormalized(cx - halfW, cy - halfH, cx + halfW, cy + halfH)));
                        }
                    }
                }
            }
        }
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
