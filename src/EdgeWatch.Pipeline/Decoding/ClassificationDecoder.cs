using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;
using System.Numerics.Tensors;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>Parameters of <see cref="ClassificationDecoder"/>.</summary>
public sealed record ClassificationDecoderOptions : DecoderOptions
{
    /// <summary>How many of the best classes to report.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>Whether the output holds logits (apply softmax) rather than probabilities.</summary>
    public bool Softmax { get; init; } = true;

    /// <summary>Added to the class index to index the labels file.</summary>
    public int LabelOffset { get; init; }
}

/// <summary>An image classifier: output [1, C]; reports the top-k classes with their probabilities and no box.</summary>
public sealed class ClassificationDecoder : IDetectionDecoder
{
    private readonly ClassificationDecoderOptions _options;
    private int _output = -1;
    private float[] _probabilities = [];

    public ClassificationDecoder(ClassificationDecoderOptions options, DecoderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TopK <= 0)
        {
            throw new DecoderException("decoder.topK must be at least 1");
        }

        _options = options;
    }

    public bool OutputIsSuppressed => true;

    public void Bind(IReadOnlyList<TensorDescription> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        _output = OutputLookup.IndexOf(outputs, null, 0, "classification", "[1, classes]");
        var classes = OutputLookup.LastDim(outputs[_output]);
        if (classes <= 1)
        {
            throw new DecoderException($"decoder 'classification' expects an output [1, classes]; the model's output is {outputs[_output]}");
        }

        _probabilities = new float[classes];
    }

    public void Decode(IReadOnlyList<OutputTensor> outputs, in ImageTransform transform, float minScore, DetectionList results)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(results);
        var logits = outputs[_output].Values;
        var count = Math.Min(logits.Length, _probabilities.Length);
        var probabilities = _probabilities.AsSpan(0, count);
        if (_options.Softmax)
        {
            TensorPrimitives.SoftMax(logits[..count], probabilities);
        }
        else
        {
            logits[..count].CopyTo(probabilities);
        }

        // Top-k by repeated selection: k is small (5) and C is ~1000, cheaper than sorting and allocation-free.
        var first = results.Count;
        for (var k = 0; k < _options.TopK && k < count; k++)
        {
            var best = -1;
            for (var c = 0; c < count; c++)
            {
                if ((best < 0 || probabilities[c] > probabilities[best]) && !AlreadyTaken(results, first, c + _options.LabelOffset))
                {
                    best = c;
                }
            }

            if (best < 0 || probabilities[best] < minScore)
            {
                break;
            }

            results.Add(new Detection(best + _options.LabelOffset, probabilities[best], default, HasBox: false));
        }
    }

    private static bool AlreadyTaken(DetectionList results, int first, int label)
    {
        var taken = results.AsReadOnlySpan()[first..];
        foreach (ref readonly var detection in taken)
        {
            if (detection.Label == label)
            {
                return true;
            }
        }

        return false;
    }
}
