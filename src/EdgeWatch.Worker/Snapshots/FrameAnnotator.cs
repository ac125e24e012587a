using System.Globalization;
using EdgeWatch.Pipeline.Detections;

namespace EdgeWatch.Worker.Snapshots;

/// <summary>
/// Draws detections onto a BGR24 image: a rectangle per box (2 px, 3 px from 400 rows up) in its label's colour, and a
/// filled tag with the label and score above its top-left corner (inside the box when there is no room above), in
/// <see cref="BitmapFont"/> scaled to the image (1x up to 400 rows, 2x at 480, 3x at 720, 4x at 1080).
/// </summary>
public static class FrameAnnotator
{
    /// <summary>Line thickness for an image <paramref name="height"/> rows high.</summary>
    public static int Thickness(int height) => height >= 400 ? 3 : 2;

    /// <summary>Text scale for an image <paramref name="height"/> rows high.</summary>
    public static int TextScale(int height) => Math.Max(1, (int)Math.Round(height / 270.0));

    /// <summary>Draws every detection that has a box.</summary>
    public static void Annotate(Span<byte> pixels, int width, int height, ReadOnlySpan<Detection> detections, LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckSize(pixels, width, height);
        var thickness = Thickness(height);
        var scale = TextScale(height);
        Span<char> text = stackalloc char[48];
        foreach (ref readonly var detection in detections)
        {
            if (!detection.HasBox)
            {
                continue;
            }

            var colour = LabelColours.For(detection.Label);
            var (x1, y1, x2, y2) = PixelBox(detection.Box, width, height);
            DrawRectangle(pixels, width, height, x1, y1, x2, y2, colour, thickness);
            var written = Format(text, labels[detection.Label], detection.Score);
            DrawTag(pixels, width, height, x1, y1, text[..written], colour, scale);
        }
    }

    /// <summary>The box's pixel columns and rows (inclusive), clamped to the image.</summary>
    public static (int X1, int Y1, int X2, int Y2) PixelBox(in BoundingBox box, int width, int height)
    {
        var x1 = Math.Clamp((int)MathF.Floor(box.X1), 0, width - 1);
        var y1 = Math.Clamp((int)MathF.Floor(box.Y1), 0, height - 1);
        var x2 = Math.Clamp((int)MathF.Ceiling(box.X2) - 1, x1, width - 1);
        var y2 = Math.Clamp((int)MathF.Ceiling(box.Y2) - 1, y1, height - 1);
        return (x1, y1, x2, y2);
    }

    /// <summary>A rectangle outline, <paramref name="thickness"/> pixels wide, inside (x1, y1)-(x2, y2) inclusive.</summary>
    public static void DrawRectangle(Span<byte> pixels, int width, int height, int x1, int y1, int x2, int y2, BgrColour colour, int thickness)
    {
        CheckSize(pixels, width, height);
        var t = Math.Max(1, thickness);
        FillRectangle(pixels, width, height, x1, y1, x2, Math.Min(y2, y1 + t - 1), colour);
        FillRectangle(pixels, width, height, x1, Math.Max(y1, y2 - t + 1), x2, y2, colour);
        FillRectangle(pixels, width, height, x1, y1, Math.Min(x2, x1 + t - 1), y2, colour);
        FillRectangle(pixels, width, height, Math.Max(x1, x2 - t + 1), y1, x2, y2, colour);
    }

    /// <summary>Fills (x1, y1)-(x2, y2) inclusive, clipped to the image.</summary>
    public static void FillRectangle(Span<byte> pixels, int width, int height, int x1, int y1, int x2, int y2, BgrColour colour)
    {
        x1 = Math.Max(x1, 0);
        y1 = Math.Max(y1, 0);
        x2 = Math.Min(x2, width - 1);
        y2 = Math.Min(y2, height - 1);
        if (x1 > x2 || y1 > y2)
        {
            return;
        }

        for (var y = y1; y <= y2; y++)
        {
            var row = pixels.Slice(((y * width) + x1) * 3, (x2 - x1 + 1) * 3);
            for (var i = 0; i < row.Length; i += 3)
            {
                row[i] = colour.B;
                row[i + 1] = colour.G;
                row[i + 2] = colour.R;
            }
        }
    }

    /// <summary>
    /// A filled tag holding <paramref name="text"/>, its bottom-left on the box's top-left corner, or hanging inside the
    /// box when the image has no room above; moved left to stay in the image. Text is black or white, whichever reads better.
    /// </summary>
    public static void DrawTag(Span<byte> pixels, int width, int height, int boxX, int boxY, ReadOnlySpan<char> text, BgrColour colour, int scale)
    {
        CheckSize(pixels, width, height);
        var tagWidth = (BitmapFont.Measure(text) + 2) * scale;
        var tagHeight = (BitmapFont.GlyphHeight + 2) * scale;
        var x = Math.Max(0, Math.Min(boxX, width - tagWidth));
        var y = boxY - tagHeight >= 0 ? boxY - tagHeight : boxY;
        FillRectangle(pixels, width, height, x, y, x + tagWidth - 1, y + tagHeight - 1, colour);
        DrawText(pixels, width, height, x + scale, y + scale, text, colour.Luma >= 128 ? BgrColour.Black : BgrColour.White, scale);
    }

    /// <summary>Text with its top-left at (x, y), each font pixel a <paramref name="scale"/>-sized square, clipped to the image.</summary>
    public static void DrawText(Span<byte> pixels, int width, int height, int x, int y, ReadOnlySpan<char> text, BgrColour colour, int scale)
    {
        CheckSize(pixels, width, height);
        for (var c = 0; c < text.Length; c++)
        {
            var glyph = BitmapFont.Glyph(text[c]);
            var left = x + (c * BitmapFont.Advance * scale);
            for (var row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                var bits = glyph[row];
                for (var column = 0; column < BitmapFont.GlyphWidth; column++)
                {
                    if ((bits & (0x10 >> column)) != 0)
                    {
                        var px = left + (column * scale);
                        var py = y + (row * scale);
                        FillRectangle(pixels, width, height, px, py, px + scale - 1, py + scale - 1, colour);
                    }
                }
            }
        }
    }

    private static int Format(Span<char> destination, string label, float score)
    {
        var percent = (int)MathF.Round(Math.Clamp(score, 0f, 1f) * 100f);
        var length = Math.Min(label.Length, destination.Length - 6);
        label.AsSpan(0, length).CopyTo(destination);
        destination[length++] = ' ';
        percent.TryFormat(destination[length..], out var digits, provider: CultureInfo.InvariantCulture);
        length += digits;
        destination[length++] = '%';
        return length;
    }

    private static void CheckSize(Span<byte> pixels, int width, int height)
    {
        if (width <= 0 || height <= 0 || pixels.Length < width * height * 3)
        {
            throw new ArgumentException($"{pixels.Length} bytes cannot hold a {width}x{height} BGR image.", nameof(pixels));
        }
    }
}
