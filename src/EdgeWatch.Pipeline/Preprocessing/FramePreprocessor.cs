using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeWatch.Pipeline.Inference;

namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>
/// Turns a BGR frame of any size into a model's input tensor: bilinear resize (letterbox, stretch or centre-crop), channel
/// reorder, normalisation and layout, in one pass, without allocating once the tables for a frame size exist.
/// </summary>
/// <remarks>
/// The resize is separable and vertical-first: two source rows are blended with SIMD over the columns the output needs
/// (7-bit fixed-point weights, so 16-bit lanes suffice), then each output pixel blends two neighbours of that row and is
/// written straight into the tensor's planes. Sampling follows OpenCV's INTER_LINEAR (pixel centres at +0.5), which is
/// what the models' reference pre-processing uses. The padding is written only when the geometry changes: the model
/// never writes its input, so it stays intact between frames.
/// </remarks>
public sealed partial class FramePreprocessor
{
    private const int WeightBits = 7;
    private const int WeightOne = 1 << WeightBits;        // 128
    private const float FixedToPixel = 1f / (WeightOne * WeightOne);

    private readonly PreprocessSpec _spec;
    private readonly float[] _gain = new float[3];        // per model channel: fixed-point value → tensor value
    private readonly float[] _bias = new float[3];
    private readonly float[] _padValue = new float[3];

    // Tables for the current frame size; rebuilt when it changes.
    private int _frameWidth;
    private int _frameHeight;
    private object? _paddedTarget;
    private Geometry _geometry;
    private int[] _sourceX0 = [];    // per output column: byte offset of the left neighbour within the blended row
    private int[] _sourceX1 = [];    // ... of the right neighbour
    private int[] _weightX = [];     // weight of the right neighbour, 0..128
    private int[] _sourceY0 = [];    // per output row: source rows and the weight of the lower one
    private int[] _sourceY1 = [];
    private int[] _weightY = [];
    private ushort[] _blendedRow = [];
    private AntialiasTables? _antialias;

    public FramePreprocessor(PreprocessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        for (var c = 0; c < 3; c++)
        {
            _gain[c] = spec.Scale / spec.Std[c] * FixedToPixel;
            _bias[c] = -spec.Mean[c] / spec.Std[c];
            _padValue[c] = (spec.PadValue * spec.Scale - spec.Mean[c]) / spec.Std[c];
        }
    }

    public PreprocessSpec Spec => _spec;

    /// <summary>Writes <paramref name="image"/> into <paramref name="target"/> and returns the way back to frame pixels.</summary>
    public ImageTransform Prepare(ImageView image, TensorBuffer target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Length != _spec.Width * _spec.Height * 3 || target.ElementType != _spec.ElementType)
        {
            throw new ArgumentException(
                $"The target tensor ({target.ElementType}, {target.Length} elements) does not fit the input {_spec.Width}x{_spec.Height}x3 {_spec.ElementType}.",
                nameof(target));
        }

        if (image.Width != _frameWidth || image.Height != _frameHeight)
        {
            BuildTables(image.Width, image.Height);
            _paddedTarget = null;
        }

        if (!ReferenceEquals(_paddedTarget, target))
        {
            FillPadding(target);
            _paddedTarget = target;
        }

        if (image.Format == PixelFormat.I420)
        {
            if (_antialias is null)
            {
                PrepareI420(image, target);
                return Transform(image);
            }

            // The filtered resize works on BGR: convert the whole frame first (a rare combination: such models are
            // usually fed still images).
            var bgr = _convertedFrame.Length >= image.Width * image.Height * 3
                ? _convertedFrame
                : _convertedFrame = new byte[image.Width * image.Height * 3];
            YuvToBgr.ConvertImage(image, bgr);
            PrepareAntialiased(new ImageView(bgr, image.Width, image.Height), target);
            return Transform(image);
        }

        if (_antialias is not null)
        {
            PrepareAntialiased(image, target);
            return Transform(image);
        }

        for (var y = 0; y < _geometry.DestHeight; y++)
        {
            var row0 = image.Pixels.Slice(_sourceY0[y] * image.Stride + _geometry.FirstByte, _geometry.ByteSpan);
            var row1 = image.Pixels.Slice(_sourceY1[y] * image.Stride + _geometry.FirstByte, _geometry.ByteSpan);
            BlendRows(row0, row1, _weightY[y], _blendedRow);
            if (_spec.ElementType == TensorElementType.Float32)
            {
                WriteFloatRow(target.Floats, _geometry.DestY + y);
            }
            else
            {
                WriteByteRow(target.Bytes, _geometry.DestY + y);
            }
        }

        return Transform(image);
    }

    private ImageTransform Transform(ImageView image)
    {
        return new ImageTransform(
            _geometry.SourceWidth / _geometry.DestWidth,
            _geometry.SourceHeight / _geometry.DestHeight,
            _geometry.SourceX - _geometry.DestX * (_geometry.SourceWidth / _geometry.DestWidth),
            _geometry.SourceY - _geometry.DestY * (_geometry.SourceHeight / _geometry.DestHeight),
            image.Width,
            image.Height,
            _spec.Width,
            _spec.Height);
    }

    /// <summary>Vertical pass: out = a * (128 - w) + b * w, SIMD over 16-bit lanes.</summary>
    private static void BlendRows(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int weight, Span<ushort> output)
    {
        var length = a.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<byte>.Count)
        {
            var weightB = new Vector<ushort>((ushort)weight);
            var weightA = new Vector<ushort>((ushort)(WeightOne - weight));
            ref var outputRef = ref Unsafe.As<ushort, byte>(ref MemoryMarshal.GetReference(output));
            for (; i <= length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(a[i..]), out var aLow, out var aHigh);
                Vector.Widen(new Vector<byte>(b[i..]), out var bLow, out var bHigh);
                var low = (aLow * weightA) + (bLow * weightB);
                var high = (aHigh * weightA) + (bHigh * weightB);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref outputRef, i * sizeof(ushort)), low);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref outputRef, (i + Vector<ushort>.Count) * sizeof(ushort)), high);
            }
        }

        for (; i < length; i++)
        {
            output[i] = (ushort)((a[i] * (WeightOne - weight)) + (b[i] * weight));
        }
    }

    /// <summary>Horizontal pass into a float tensor, normalised, in the model's channel order and layout.</summary>
    private void WriteFloatRow(Span<float> tensor, int destY)
    {
        int width = _spec.Width, height = _spec.Height, destWidth = _geometry.DestWidth;
        var swap = _spec.ColorOrder == ColorOrder.Rgb;
        // Source channel c (B, G, R) goes to model channel c, or 2 - c for RGB models.
        int m0 = swap ? 2 : 0, m2 = swap ? 0 : 2;
        float g0 = _gain[m0], g1 = _gain[1], g2 = _gain[m2], b0 = _bias[m0], b1 = _bias[1], b2 = _bias[m2];
        ref var blended = ref MemoryMarshal.GetArrayDataReference(_blendedRow);
        ref var x0Ref = ref MemoryMarshal.GetArrayDataReference(_sourceX0);
        ref var x1Ref = ref MemoryMarshal.GetArrayDataReference(_sourceX1);
        ref var wRef = ref MemoryMarshal.GetArrayDataReference(_weightX);
        if (_spec.Layout == TensorLayout.Nchw)
        {
            var plane = width * height;
            var rowStart = destY * width + _geometry.DestX;
            ref var p0 = ref MemoryMarshal.GetReference(tensor.Slice(m0 * plane + rowStart, destWidth));
            ref var p1 = ref MemoryMarshal.GetReference(tensor.Slice(plane + rowStart, destWidth));
            ref var p2 = ref MemoryMarshal.GetReference(tensor.Slice(m2 * plane + rowStart, destWidth));
            for (var x = 0; x < destWidth; x++)
            {
                int o0 = Unsafe.Add(ref x0Ref, x), o1 = Unsafe.Add(ref x1Ref, x), w1 = Unsafe.Add(ref wRef, x), w0 = WeightOne - w1;
                Unsafe.Add(ref p0, x) = ((Unsafe.Add(ref blended, o0) * w0) + (Unsafe.Add(ref blended, o1) * w1)) * g0 + b0;
                Unsafe.Add(ref p1, x) = ((Unsafe.Add(ref blended, o0 + 1) * w0) + (Unsafe.Add(ref blended, o1 + 1) * w1)) * g1 + b1;
                Unsafe.Add(ref p2, x) = ((Unsafe.Add(ref blended, o0 + 2) * w0) + (Unsafe.Add(ref blended, o1 + 2) * w1)) * g2 + b2;
            }
        }
        else
        {
            ref var row = ref MemoryMarshal.GetReference(tensor.Slice((destY * width + _geometry.DestX) * 3, destWidth * 3));
            for (var x = 0; x < destWidth; x++)
            {
                int o0 = Unsafe.Add(ref x0Ref, x), o1 = Unsafe.Add(ref x1Ref, x), w1 = Unsafe.Add(ref wRef, x), w0 = WeightOne - w1;
                ref var pixel = ref Unsafe.Add(ref row, x * 3);
                Unsafe.Add(ref pixel, m0) = ((Unsafe.Add(ref blended, o0) * w0) + (Unsafe.Add(ref blended, o1) * w1)) * g0 + b0;
                Unsafe.Add(ref pixel, 1) = ((Unsafe.Add(ref blended, o0 + 1) * w0) + (Unsafe.Add(ref blended, o1 + 1) * w1)) * g1 + b1;
                Unsafe.Add(ref pixel, m2) = ((Unsafe.Add(ref blended, o0 + 2) * w0) + (Unsafe.Add(ref blended, o1 + 2) * w1)) * g2 + b2;
            }
        }
    }

    /// <summary>Horizontal pass into a byte tensor: raw pixels, rounded, no normalisation (the device or graph does it).</summary>
    private void WriteByteRow(Span<byte> tensor, int destY)
    {
        int width = _spec.Width, height = _spec.Height, destWidth = _geometry.DestWidth;
        var swap = _spec.ColorOrder == ColorOrder.Rgb;
        int m0 = swap ? 2 : 0, m2 = swap ? 0 : 2;
        const int Round = WeightOne * WeightOne / 2;
        const int Shift = 2 * WeightBits;
        for (var x = 0; x < destWidth; x++)
        {
            int o0 = _sourceX0[x], o1 = _sourceX1[x], w1 = _weightX[x], w0 = WeightOne - w1;
            var c0 = (byte)(((_blendedRow[o0] * w0) + (_blendedRow[o1] * w1) + Round) >> Shift);
            var c1 = (byte)(((_blendedRow[o0 + 1] * w0) + (_blendedRow[o1 + 1] * w1) + Round) >> Shift);
            var c2 = (byte)(((_blendedRow[o0 + 2] * w0) + (_blendedRow[o1 + 2] * w1) + Round) >> Shift);
            if (_spec.Layout == TensorLayout.Nchw)
            {
                var plane = width * height;
                var at = destY * width + _geometry.DestX + x;
                tensor[m0 * plane + at] = c0;
                tensor[plane + at] = c1;
                tensor[m2 * plane + at] = c2;
            }
            else
            {
                var at = ((destY * width) + _geometry.DestX + x) * 3;
                tensor[at + m0] = c0;
                tensor[at + 1] = c1;
                tensor[at + m2] = c2;
            }
        }
    }

    private void FillPadding(TensorBuffer target)
    {
        var plane = _spec.Width * _spec.Height;
        if (_spec.ElementType == TensorElementType.UInt8)
        {
            target.Bytes.Fill(_spec.PadValue);
            return;
        }

        var floats = target.Floats;
        if (_spec.Layout == TensorLayout.Nchw)
        {
            for (var c = 0; c < 3; c++)
            {
                floats.Slice(c * plane, plane).Fill(_padValue[c]);
            }
        }
        else
        {
            for (var i = 0; i < plane; i++)
            {
                floats[i * 3] = _padValue[0];
                floats[i * 3 + 1] = _padValue[1];
                floats[i * 3 + 2] = _padValue[2];
            }
        }
    }

    private void BuildTables(int frameWidth, int frameHeight)
    {
        _geometry = Geometry.For(_spec, frameWidth, frameHeight);
        var g = _geometry;
        _sourceX0 = new int[g.DestWidth];
        _sourceX1 = new int[g.DestWidth];
        _weightX = new int[g.DestWidth];
        _sourceY0 = new int[g.DestHeight];
        _sourceY1 = new int[g.DestHeight];
        _weightY = new int[g.DestHeight];

        var firstColumn = frameWidth;
        var lastColumn = 0;
        var columns0 = new int[g.DestWidth];
        var columns1 = new int[g.DestWidth];
        for (var x = 0; x < g.DestWidth; x++)
        {
            (columns0[x], columns1[x], _weightX[x]) = Sample(g.SourceX, g.SourceWidth / g.DestWidth, x, frameWidth);
            firstColumn = Math.Min(firstColumn, columns0[x]);
            lastColumn = Math.Max(lastColumn, columns1[x]);
        }

        var antialias = _spec.Antialias && (g.SourceWidth > g.DestWidth * 1.01f || g.SourceHeight > g.DestHeight * 1.01f);
        if (antialias)
        {
            // The wider filter reaches further: the blended row must cover its taps too.
            var (antialiasFirst, antialiasLast) = AntialiasTables.ColumnRange(g, frameWidth);
            firstColumn = Math.Min(firstColumn, antialiasFirst);
            lastColumn = Math.Max(lastColumn, antialiasLast);
        }

        for (var x = 0; x < g.DestWidth; x++)
        {
            _sourceX0[x] = (columns0[x] - firstColumn) * 3;
            _sourceX1[x] = (columns1[x] - firstColumn) * 3;
        }

        for (var y = 0; y < g.DestHeight; y++)
        {
            (_sourceY0[y], _sourceY1[y], _weightY[y]) = Sample(g.SourceY, g.SourceHeight / g.DestHeight, y, frameHeight);
        }

        _geometry = g with { FirstByte = firstColumn * 3, ByteSpan = (lastColumn - firstColumn + 1) * 3 };
        _blendedRow = new ushort[_geometry.ByteSpan];
        _antialias = antialias ? AntialiasTables.Build(_geometry, frameWidth, frameHeight) : null;
        _i420 = null;
        _frameWidth = frameWidth;
        _frameHeight = frameHeight;
    }

    // Source neighbours of output index i and the weight of the second, OpenCV-style (centres at +0.5, clamped at edges).
    private static (int First, int Second, int Weight) Sample(float origin, float step, int i, int size) =>
        SampleAt(origin + ((i + 0.5f) * step) - 0.5f, size);

    // The two samples around a position on a grid of the given size, and the weight of the second.
    private static (int First, int Second, int Weight) SampleAt(float position, int size)
    {
        var first = (int)MathF.Floor(position);
        var fraction = position - first;
        if (first < 0)
        {
            return (0, 0, 0);
        }

        if (first >= size - 1)
        {
            return (size - 1, size - 1, 0);
        }

        var weight = (int)MathF.Round(fraction * WeightOne);
        return weight >= WeightOne ? (first + 1, first + 1, 0) : (first, first + 1, weight);
    }

    /// <summary>Which part of the frame goes where in the tensor.</summary>
    private readonly record struct Geometry(
        float SourceX,
        float SourceY,
        float SourceWidth,
        float SourceHeight,
        int DestX,
        int DestY,
        int DestWidth,
        int DestHeight,
        int FirstByte,
        int ByteSpan)
    {
        public static Geometry For(PreprocessSpec spec, int frameWidth, int frameHeight)
        {
            switch (spec.Resize)
            {
                case ResizeMode.Letterbox:
                {
                    var ratio = Math.Min(spec.Width / (float)frameWidth, spec.Height / (float)frameHeight);
                    var width = Math.Clamp((int)(frameWidth * ratio), 1, spec.Width);
                    var height = Math.Clamp((int)(frameHeight * ratio), 1, spec.Height);
                    var centred = spec.Anchor == LetterboxAnchor.Center;
                    var x = centred ? (spec.Width - width) / 2 : 0;
                    var y = centred ? (spec.Height - height) / 2 : 0;
                    return new Geometry(0, 0, frameWidth, frameHeight, x, y, width, height, 0, 0);
                }

                case ResizeMode.CenterCrop:
                {
                    // Scale the short side to (shorter input side / crop fraction), then take the input's size from the centre.
                    var scale = Math.Min(spec.Width, spec.Height) / spec.CropFraction / Math.Min(frameWidth, frameHeight);
                    var width = Math.Min(spec.Width / scale, frameWidth);
                    var height = Math.Min(spec.Height / scale, frameHeight);
                    return new Geometry((frameWidth - width) / 2, (frameHeight - height) / 2, width, height, 0, 0, spec.Width, spec.Height, 0, 0);
                }

                default:
                    return new Geometry(0, 0, frameWidth, frameHeight, 0, 0, spec.Width, spec.Height, 0, 0);
            }
        }
    }
}
