using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeWatch.Pipeline.Inference;

namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>
/// The resize from an I420 frame: luma and the two chroma planes are each blended vertically (SIMD, as for BGR), then every
/// output pixel samples the three, converts YUV to RGB and normalises — colour conversion only for the pixels the model
/// sees, never for the whole frame.
/// </summary>
public sealed partial class FramePreprocessor
{
    private I420Tables? _i420;
    private byte[] _convertedFrame = [];

    private void PrepareI420(ImageView image, TensorBuffer target)
    {
        var t = _i420 ??= I420Tables.Build(_geometry, image.Width, image.Height, _spec);
        var luma = image.LumaPlane;
        var uPlane = image.UPlane;
        var vPlane = image.VPlane;
        int lumaStart = _geometry.FirstByte / 3, lumaSpan = _geometry.ByteSpan / 3, chromaWidth = image.ChromaWidth;
        var lastChroma = (-1, -1, -1);
        for (var y = 0; y < _geometry.DestHeight; y++)
        {
            BlendRows(
                luma.Slice((_sourceY0[y] * image.Width) + lumaStart, lumaSpan),
                luma.Slice((_sourceY1[y] * image.Width) + lumaStart, lumaSpan),
                _weightY[y],
                t.Luma);

            // Neighbouring output rows often sample the same chroma rows: blend them once.
            var chroma = (t.RowU0[y], t.RowU1[y], t.RowWeight[y]);
            if (chroma != lastChroma)
            {
                var (row0, row1, weight) = chroma;
                BlendRows(uPlane.Slice((row0 * chromaWidth) + t.ChromaStart, t.ChromaSpan), uPlane.Slice((row1 * chromaWidth) + t.ChromaStart, t.ChromaSpan), weight, t.U);
                BlendRows(vPlane.Slice((row0 * chromaWidth) + t.ChromaStart, t.ChromaSpan), vPlane.Slice((row1 * chromaWidth) + t.ChromaStart, t.ChromaSpan), weight, t.V);
                lastChroma = chroma;
            }

            WriteYuvRow(target, _geometry.DestY + y, t);
        }
    }

    private void WriteYuvRow(TensorBuffer target, int destY, I420Tables t)
    {
        int width = _spec.Width, plane = _spec.Width * _spec.Height, destWidth = _geometry.DestWidth;
        var swap = _spec.ColorOrder == ColorOrder.Rgb;
        int m0 = swap ? 2 : 0, m2 = swap ? 0 : 2;
        float g0 = t.Gain[m0], g1 = t.Gain[1], g2 = t.Gain[m2], b0 = _bias[m0], b1 = _bias[1], b2 = _bias[m2];
        ref var lumaRow = ref MemoryMarshal.GetArrayDataReference(t.Luma);
        ref var uRow = ref MemoryMarshal.GetArrayDataReference(t.U);
        ref var vRow = ref MemoryMarshal.GetArrayDataReference(t.V);
        var floats = _spec.ElementType == TensorElementType.Float32;
        var nchw = _spec.Layout == TensorLayout.Nchw;
        for (var x = 0; x < destWidth; x++)
        {
            int l0 = _sourceX0[x] / 3, l1 = _sourceX1[x] / 3, lw1 = _weightX[x], lw0 = WeightOne - lw1;
            int c0 = t.ColumnU0[x], c1 = t.ColumnU1[x], cw1 = t.ColumnWeight[x], cw0 = WeightOne - cw1;
            var yValue = ((Unsafe.Add(ref lumaRow, l0) * lw0) + (Unsafe.Add(ref lumaRow, l1) * lw1)) * FixedToPixel;
            var uValue = ((Unsafe.Add(ref uRow, c0) * cw0) + (Unsafe.Add(ref uRow, c1) * cw1)) * FixedToPixel;
            var vValue = ((Unsafe.Add(ref vRow, c0) * cw0) + (Unsafe.Add(ref vRow, c1) * cw1)) * FixedToPixel;
            var (blue, green, red) = YuvToBgr.Convert(yValue, uValue, vValue);
            var at = (destY * width) + _geometry.DestX + x;
            if (floats)
            {
                var tensor = target.Floats;
                if (nchw)
                {
                    tensor[(m0 * plane) + at] = (blue * g0) + b0;
                    tensor[plane + at] = (green * g1) + b1;
                    tensor[(m2 * plane) + at] = (red * g2) + b2;
                }
                else
                {
                    tensor[(at * 3) + m0] = (blue * g0) + b0;
                    tensor[(at * 3) + 1] = (green * g1) + b1;
                    tensor[(at * 3) + m2] = (red * g2) + b2;
                }
            }
            else
            {
                var bytes = target.Bytes;
                int step = nchw ? plane : 1, index = nchw ? at : at * 3;
                bytes[index + (m0 * step)] = (byte)(blue + 0.5f);
                bytes[index + step] = (byte)(green + 0.5f);
                bytes[index + (m2 * step)] = (byte)(red + 0.5f);
            }
        }
    }

    /// <summary>Where each output pixel's chroma comes from, and the blended rows, for one frame size.</summary>
    private sealed class I420Tables
    {
        public required ushort[] Luma { get; init; }

        public required ushort[] U { get; init; }

        public required ushort[] V { get; init; }

        public required int[] ColumnU0 { get; init; }

        public required int[] ColumnU1 { get; init; }

        public required int[] ColumnWeight { get; init; }

        public required int[] RowU0 { get; init; }

        public required int[] RowU1 { get; init; }

        public required int[] RowWeight { get; init; }

        public int ChromaStart { get; init; }

        public int ChromaSpan { get; init; }

        /// <summary>Per model channel: 0..255 pixel value → tensor value (the BGR path's gains are for fixed-point values).</summary>
        public required float[] Gain { get; init; }

        public static I420Tables Build(Geometry g, int width, int height, PreprocessSpec spec)
        {
            int chromaWidth = (width + 1) / 2, chromaHeight = (height + 1) / 2;
            var columns0 = new int[g.DestWidth];
            var columns1 = new int[g.DestWidth];
            var columnWeight = new int[g.DestWidth];
            var first = chromaWidth;
            var last = 0;
            float stepX = g.SourceWidth / g.DestWidth, stepY = g.SourceHeight / g.DestHeight;
            for (var x = 0; x < g.DestWidth; x++)
            {
                // The luma sample position, halved onto the chroma grid (chroma sited at the centre of its 2x2 block).
                var luma = g.SourceX + ((x + 0.5f) * stepX) - 0.5f;
                (columns0[x], columns1[x], columnWeight[x]) = SampleAt((luma * 0.5f) - 0.25f, chromaWidth);
                first = Math.Min(first, columns0[x]);
                last = Math.Max(last, columns1[x]);
            }

            for (var x = 0; x < g.DestWidth; x++)
            {
                columns0[x] -= first;
                columns1[x] -= first;
            }

            var rows0 = new int[g.DestHeight];
            var rows1 = new int[g.DestHeight];
            var rowWeight = new int[g.DestHeight];
            for (var y = 0; y < g.DestHeight; y++)
            {
                var luma = g.SourceY + ((y + 0.5f) * stepY) - 0.5f;
                (rows0[y], rows1[y], rowWeight[y]) = SampleAt((luma * 0.5f) - 0.25f, chromaHeight);
            }

            var span = last - first + 1;
            return new I420Tables
            {
                Luma = new ushort[g.ByteSpan / 3],
                U = new ushort[span],
                V = new ushort[span],
                ColumnU0 = columns0,
                ColumnU1 = columns1,
                ColumnWeight = columnWeight,
                RowU0 = rows0,
                RowU1 = rows1,
                RowWeight = rowWeight,
                ChromaStart = first,
                ChromaSpan = span,
                Gain = [spec.Scale / spec.Std[0], spec.Scale / spec.Std[1], spec.Scale / spec.Std[2]],
            };
        }
    }
}
