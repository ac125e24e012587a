using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>Parameters of <see cref="YoloxDecoder"/>.</summary>
public sealed record YoloxDecoderOptions : DecoderOptions
{
    /// <summary>Strides of the detection heads, in the order their rows appear in the output.</summary>
    public IReadOnlyList<int> Strides { get; init; } = [8, 16, 32];

    /// <summary>Report every class above the threshold for a box (as YOLOX's ONNX demo does), not just the best one.</summary>
    public bool MultiLabel { get; init; } = true;
}

/// <summary>
/// YOLOX heads without post-processing: output [1, N, 5 + C], rows grid cell by grid cell (stride 8, then 16, then 32,
/// each row-major). Per row: centre offsets and log-sizes in grid units, objectness, then class probabilities, both
/// already through a sigmoid. Boxes are in input-tensor pixels.
/// </summary>
public sealed class YoloxDecoder : IDetectionDecoder
{
    private readonly YoloxDecoderOptions _options;
    private readonly DecoderContext _context;
    private int _output = -1;
    private int _rowLength;
    private int _classes;

    // Per output row: grid x, grid y and stride, precomputed once.
    private float[] _gridX = [];
    private float[] _gridY = [];
    private float[] _stride = [];

    public YoloxDecoder(YoloxDecoderOptions options, DecoderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (options.Strides.Count == 0 || options.Strides.Any(s => s <= 0))
        {
            throw new DecoderException("decoder.strides must list positive strides, e.g. [8, 16, 32]");
        }

        _options = options;
        _context = context;
    }

    public bool OutputIsSuppressed => false;

    public void Bind(IReadOnlyList<TensorDescription> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        _output = OutputLookup.IndexOf(outputs, null, 0, "yolox", "[1, N, 5 + classes]");
        var shape = outputs[_output].Shape;
        var rows = 0;
        foreach (var stride in _options.Strides)
        {
            rows += (_context.Input.Width / stride) * (_context.Input.Height / stride);
        }

        if (shape.Count != 3 || shape[^1] < 6 || (shape[1] > 0 && shape[1] != rows))
        {
            throw new DecoderException(
                $"decoder 'yolox' expects output [1, {rows}, 5 + classes] for a {_context.Input.Width}x{_context.Input.Height} input " +
                $"with strides [{string.Join(", ", _options.Strides)}]; the model's output is {outputs[_output]}");
        }

        _rowLength = (int)shape[^1];
        _classes = _rowLength - 5;
        _gridX = new float[rows];
        _gridY = new float[rows];
        _stride = new float[rows];
        var row = 0;
        foreach (var stride in _options.Strides)
        {
            int gridW = _context.Input.Width / stride, gridH = _context.Input.Height / stride;
            for (var y = 0; y < gridH; y++)
            {
                for (var x = 0; x < gridW; x++, row++)
                {
                    _gridX[row] = x;
                    _gridY[row] = y;
                    _stride[row] = stride;
                }
            }
        }
    }

    public void Decode(IReadOnlyList<OutputTensor> outputs, in ImageTransform transform, float minScore, DetectionList results)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(results);
        var data = outputs[_output].Values;
        var rows = Math.Min(_gridX.Length, data.Length / _rowLength);
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * _rowLength, _rowLength);
            var objectness = row[4];

            // score = objectness * class probability <= objectness: most rows end here.
            if (objectness < minScore)
            {
                continue;
            }

            var classes = row[5..];
            if (_options.MultiLabel)
            {
                var needed = minScore / objectness;
                for (var c = 0; c < _classes; c++)
                {
                    if (classes[c] >= needed)
                    {
                        Add(row, r, c, objectness * classes[c], transform, results);
                    }
                }
            }
            else
            {
                var best = 0;
                for (var c = 1; c < _classes; c++)
                {
                    if (classes[c] > classes[best])
                    {
                        best = c;
                    }
                }

                var score = objectness * classes[best];
                if (score >= minScore)
                {
                    Add(row, r, best, score, transform, results);
                }
            }
        }
    }

    private void Add(ReadOnlySpan<float> row, int r, int label, float score, in ImageTransform transform, DetectionList results)
    {
        var stride = _stride[r];
        var cx = (row[0] + _gridX[r]) * stride;
        var cy = (row[1] + _gridY[r]) * stride;
        var halfW = MathF.Exp(row[2]) * stride * 0.5f;
        var halfH = MathF.Exp(row[3]) * stride * 0.5f;
        results.Add(new Detection(label, score, transform.MapFromTensor(cx - halfW, cy - halfH, cx + halfW, cy + halfH)));
    }
}
