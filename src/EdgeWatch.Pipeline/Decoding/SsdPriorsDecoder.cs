using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>Parameters of <see cref="SsdPriorsDecoder"/>; the defaults are Ultra-Light-Fast RFB-320's.</summary>
public sealed record SsdPriorsDecoderOptions : DecoderOptions
{
    /// <summary>Stride of each feature map.</summary>
    public IReadOnlyList<int> Strides { get; init; } = [8, 16, 32, 64];

    /// <summary>Prior box sizes in input pixels, one list per stride.</summary>
    public IReadOnlyList<IReadOnlyList<float>> MinSizes { get; init; } = [[10, 16, 24], [32, 48], [64, 96], [128, 192, 256]];

    /// <summary>Centre and size variances of the box regression.</summary>
    public IReadOnlyList<float> Variances { get; init; } = [0.1f, 0.2f];

    /// <summary>Name of the per-prior class scores output, [1, N, classes], already soft-maxed.</summary>
    public string ScoresOutput { get; init; } = "scores";

    /// <summary>Name of the per-prior box regression output, [1, N, 4].</summary>
    public string BoxesOutput { get; init; } = "boxes";

    /// <summary>The class index that means "nothing here".</summary>
    public int BackgroundLabel { get; init; }
}

/// <summary>
/// Raw SSD heads: per prior box a score per class and a regression (dcx, dcy, dw, dh) relative to the prior, decoded with
/// the usual variances. Priors are generated from the input size, strides and sizes, cells row-major, sizes innermost.
/// </summary>
public sealed class SsdPriorsDecoder : IDetectionDecoder
{
    private readonly SsdPriorsDecoderOptions _options;
    private readonly float[] _priors; // cx, cy, w, h normalised, 4 per prior
    private int _scores = -1;
    private int _boxes = -1;
    private int _classes;

    public SsdPriorsDecoder(SsdPriorsDecoderOptions options, DecoderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (options.Strides.Count == 0 || options.Strides.Count != options.MinSizes.Count)
        {
            throw new DecoderException("decoder.minSizes must have one list of sizes per entry of decoder.strides");
        }

        if (options.Variances.Count != 2)
        {
            throw new DecoderException("decoder.variances must be [centre, size], e.g. [0.1, 0.2]");
        }

        _options = options;
        _priors = GeneratePriors(options, context.Input.Width, context.Input.Height);
    }

    /// <summary>Number of prior boxes the input size and options produce.</summary>
    public int PriorCount => _priors.Length / 4;

    public bool OutputIsSuppressed => false;

    public void Bind(IReadOnlyList<TensorDescription> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        _scores = OutputLookup.IndexOf(outputs, _options.ScoresOutput, -1, "ssd-priors", "scores [1, N, classes]");
        _boxes = OutputLookup.IndexOf(outputs, _options.BoxesOutput, -1, "ssd-priors", "boxes [1, N, 4]");
        var scores = outputs[_scores].Shape;
        var boxes = outputs[_boxes].Shape;
        if (scores.Count != 3 || boxes.Count != 3 || boxes[2] != 4 || (scores[1] > 0 && scores[1] != PriorCount) || (boxes[1] > 0 && boxes[1] != PriorCount))
        {
            throw new DecoderException(
                $"decoder 'ssd-priors' generates {PriorCount} priors for this input and expects scores [1, {PriorCount}, classes] and " +
                $"boxes [1, {PriorCount}, 4]; the model has {outputs[_scores]} and {outputs[_boxes]}");
        }

        _classes = (int)scores[2];
    }

    public void Decode(IReadOnlyList<OutputTensor> outputs, in ImageTransform transform, float minScore, DetectionList results)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(results);
        var scores = outputs[_scores].Values;
        var boxes = outputs[_boxes].Values;
        float centreVariance = _options.Variances[0], sizeVariance = _options.Variances[1];
        var count = Math.Min(PriorCount, Math.Min(scores.Length / _classes, boxes.Length / 4));
        for (var p = 0; p < count; p++)
        {
            var classScores = scores.Slice(p * _classes, _classes);
            for (var c = 0; c < _classes; c++)
            {
                if (c == _options.BackgroundLabel || classScores[c] < minScore)
                {
                    continue;
                }

                var prior = _priors.AsSpan(p * 4, 4);
                var box = boxes.Slice(p * 4, 4);
                var cx = box[0] * centreVariance * prior[2] + prior[0];
                var cy = box[1] * centreVariance * prior[3] + prior[1];
                var halfW = MathF.Exp(box[2] * sizeVariance) * prior[2] * 0.5f;
                var halfH = MathF.Exp(box[3] * sizeVariance) * prior[3] * 0.5f;
                results.Add(new Detection(c, classScores[c], transform.MapFromNormalized(cx - halfW, cy - halfH, cx + halfW, cy + halfH)));
            }
        }
    }

    private static float[] GeneratePriors(SsdPriorsDecoderOptions options, int width, int height)
    {
        var priors = new List<float>();
        for (var s = 0; s < options.Strides.Count; s++)
        {
            var stride = options.Strides[s];
            var mapW = (int)Math.Ceiling(width / (double)stride);
            var mapH = (int)Math.Ceiling(height / (double)stride);
            float scaleW = width / (float)stride, scaleH = height / (float)stride;
            for (var j = 0; j < mapH; j++)
            {
                for (var i = 0; i < mapW; i++)
                {
                    foreach (var size in options.MinSizes[s])
                    {
                        priors.Add(Math.Clamp((i + 0.5f) / scaleW, 0f, 1f));
                        priors.Add(Math.Clamp((j + 0.5f) / scaleH, 0f, 1f));
                        priors.Add(Math.Clamp(size / width, 0f, 1f));
                        priors.Add(Math.Clamp(size / height, 0f, 1f));
                    }
                }
            }
        }

        return [.. priors];
    }
}
