using System.Numerics;
using System.Runtime.InteropServices;
using EdgeWatch.Pipeline.Inference;

namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>The antialiased resize: the same vertical-then-horizontal shape as the bilinear path, with more taps.</summary>
public sealed partial class FramePreprocessor
{
    private float[] _accumulatedRow = [];

    private void PrepareAntialiased(ImageView image, TensorBuffer target)
    {
        var tables = _antialias!;
        if (_accumulatedRow.Length < _geometry.ByteSpan)
        {
            _accumulatedRow = new float[_geometry.ByteSpan];
        }

        var row = _accumulatedRow.AsSpan(0, _geometry.ByteSpan);
        var swap = _spec.ColorOrder == ColorOrder.Rgb;
        int m0 = swap ? 2 : 0, m2 = swap ? 0 : 2;
        for (var y = 0; y < _geometry.DestHeight; y++)
        {
            row.Clear();
            var (firstRow, rows) = (tables.RowStart[y], tables.RowCount[y]);
            for (var k = 0; k < rows; k++)
            {
                var source = image.Pixels.Slice((firstRow + k) * image.Stride + _geometry.FirstByte, _geometry.ByteSpan);
                Accumulate(source, tables.RowWeights[(y * tables.RowTaps) + k], row);
            }

            for (var x = 0; x < _geometry.DestWidth; x++)
            {
                float c0 = 0, c1 = 0, c2 = 0;
                var at = tables.ColumnStart[x];
                var weights = tables.ColumnWeights.AsSpan(x * tables.ColumnTaps, tables.ColumnCount[x]);
                foreach (var w in weights)
                {
                    c0 += w * row[at];
                    c1 += w * row[at + 1];
                    c2 += w * row[at + 2];
                    at += 3;
                }

                Store(target, _geometry.DestY + y, _geometry.DestX + x, m0, 1, m2, c0, c1, c2);
            }
        }
    }

    // One value per channel (B, G, R order in, model order out), 0..255 before normalisation.
    private void Store(TensorBuffer target, int y, int x, int m0, int m1, int m2, float c0, float c1, float c2)
    {
        int width = _spec.Width, plane = _spec.Width * _spec.Height;
        if (_spec.ElementType == TensorElementType.UInt8)
        {
            var bytes = target.Bytes;
            var at = _spec.Layout == TensorLayout.Nchw ? y * width + x : (y * width + x) * 3;
            var step = _spec.Layout == TensorLayout.Nchw ? plane : 1;
            bytes[at + m0 * step] = (byte)Math.Clamp(c0 + 0.5f, 0, 255);
            bytes[at + m1 * step] = (byte)Math.Clamp(c1 + 0.5f, 0, 255);
            bytes[at + m2 * step] = (byte)Math.Clamp(c2 + 0.5f, 0, 255);
            return;
        }

        const float Unscale = WeightOne * WeightOne; // the gains are for fixed-point values; these are plain pixels
        var floats = target.Floats;
        var index = _spec.Layout == TensorLayout.Nchw ? y * width + x : (y * width + x) * 3;
        var stride = _spec.Layout == TensorLayout.Nchw ? plane : 1;
        floats[index + m0 * stride] = c0 * Unscale * _gain[m0] + _bias[m0];
        floats[index + m1 * stride] = c1 * Unscale * _gain[m1] + _bias[m1];
        floats[index + m2 * stride] = c2 * Unscale * _gain[m2] + _bias[m2];
    }

    private static void Accumulate(ReadOnlySpan<byte> source, float weight, Span<float> row)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<byte>.Count)
        {
            var w = new Vector<float>(weight);
            var rowVectors = MemoryMarshal.Cast<float, Vector<float>>(row);
            for (; i <= source.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(source[i..]), out var low, out var high);
                Vector.Widen(low, out var a, out var b);
                Vector.Widen(high, out var c, out var d);
                var v = i / Vector<float>.Count;
                rowVectors[v] += Vector.ConvertToSingle(a) * w;
                rowVectors[v + 1] += Vector.ConvertToSingle(b) * w;
                rowVectors[v + 2] += Vector.ConvertToSingle(c) * w;
                rowVectors[v + 3] += Vector.ConvertToSingle(d) * w;
            }
        }

        for (; i < source.Length; i++)
        {
            row[i] += source[i] * weight;
        }
    }

    /// <summary>Per output row and column: the first source index, how many taps, and their normalised weights.</summary>
    private sealed class AntialiasTables
    {
        public int[] RowStart { get; private init; } = [];

        public int[] RowCount { get; private init; } = [];

        public float[] RowWeights { get; private init; } = [];

        public int RowTaps { get; private init; }

        public int[] ColumnStart { get; private init; } = [];   // byte offset within the accumulated row

        public int[] ColumnCount { get; private init; } = [];

        public float[] ColumnWeights { get; private init; } = [];

        public int ColumnTaps { get; private init; }

        public static AntialiasTables Build(Geometry g, int frameWidth, int frameHeight)
        {
            var (rowStart, rowCount, rowWeights, rowTaps) = Taps(g.SourceY, g.SourceHeight, g.DestHeight, frameHeight);
            var (columnStart, columnCount, columnWeights, columnTaps) = Taps(g.SourceX, g.SourceWidth, g.DestWidth, frameWidth);
            var firstColumn = g.FirstByte / 3;
            return new AntialiasTables
            {
                RowStart = rowStart,
                RowCount = rowCount,
                RowWeights = rowWeights,
                RowTaps = rowTaps,
                ColumnStart = [.. columnStart.Select(c => (c - firstColumn) * 3)],
                ColumnCount = columnCount,
                ColumnWeights = columnWeights,
                ColumnTaps = columnTaps,
            };
        }

        /// <summary>The first and last source columns any output column's taps touch.</summary>
        public static (int First, int Last) ColumnRange(Geometry g, int frameWidth)
        {
            var (start, count, _, _) = Taps(g.SourceX, g.SourceWidth, g.DestWidth, frameWidth);
            var first = start.Min();
            var last = start.Zip(count, (s, n) => s + Math.Max(n, 1) - 1).Max();
            return (first, last);
        }

        // PIL's triangle ("bilinear") filter, widened by the shrink factor so every source pixel contributes.
        private static (int[] Start, int[] Count, float[] Weights, int Taps) Taps(float origin, float size, int outputs, int limit)
        {
            var scale = size / outputs;
            var filterScale = Math.Max(scale, 1f);
            var support = filterScale;
            var taps = (int)Math.Ceiling(support) * 2 + 1;
            var start = new int[outputs];
            var count = new int[outputs];
            var weights = new float[outputs * taps];
            for (var i = 0; i < outputs; i++)
            {
                var centre = origin + (i + 0.5f) * scale;
                var first = Math.Max((int)(centre - support + 0.5f), 0);
                var last = Math.Min((int)(centre + support + 0.5f), limit);
                var n = Math.Min(last - first, taps);
                var total = 0f;
                for (var k = 0; k < n; k++)
                {
                    var w = Math.Max(0f, 1f - Math.Abs((first + k - centre + 0.5f) / filterScale));
                    weights[i * taps + k] = w;
                    total += w;
                }

                for (var k = 0; k < n && total > 0; k++)
                {
                    weights[i * taps + k] /= total;
                }

                start[i] = first;
                count[i] = n;
            }

            return (start, count, weights, taps);
        }
    }
}
