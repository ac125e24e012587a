using System.Runtime.CompilerServices;

namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>
/// YUV to BGR with ITU-R BT.601 limited-range coefficients — what ffmpeg's scaler uses for untagged video, so a frame
/// converted here looks as it would have had ffmpeg converted it.
/// </summary>
public static class YuvToBgr
{
    private const float LumaScale = 1.164383f;
    private const float RedFromV = 1.596027f;
    private const float GreenFromU = 0.391762f;
    private const float GreenFromV = 0.812968f;
    private const float BlueFromU = 2.017232f;

    /// <summary>One pixel: <paramref name="y"/>, <paramref name="u"/>, <paramref name="v"/> as 0..255 values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (float Blue, float Green, float Red) Convert(float y, float u, float v)
    {
        var luma = LumaScale * (y - 16f);
        u -= 128f;
        v -= 128f;
        return (
            Math.Clamp(luma + (BlueFromU * u), 0f, 255f),
            Math.Clamp(luma - (GreenFromU * u) - (GreenFromV * v), 0f, 255f),
            Math.Clamp(luma + (RedFromV * v), 0f, 255f));
    }

    /// <summary>Converts a whole I420 image to BGR24 (snapshots, and the antialiased resize).</summary>
    public static void ConvertImage(ImageView image, Span<byte> bgr)
    {
        if (image.Format != PixelFormat.I420)
        {
            throw new ArgumentException("The image is not I420.", nameof(image));
        }

        var luma = image.LumaPlane;
        var uPlane = image.UPlane;
        var vPlane = image.VPlane;
        int width = image.Width, chromaWidth = image.ChromaWidth;
        for (var y = 0; y < image.Height; y++)
        {
            var lumaRow = luma.Slice(y * width, width);
            var uRow = uPlane.Slice((y / 2) * chromaWidth, chromaWidth);
            var vRow = vPlane.Slice((y / 2) * chromaWidth, chromaWidth);
            var output = bgr.Slice(y * width * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                var (b, g, r) = Convert(lumaRow[x], uRow[x / 2], vRow[x / 2]);
                output[x * 3] = (byte)(b + 0.5f);
                output[(x * 3) + 1] = (byte)(g + 0.5f);
                output[(x * 3) + 2] = (byte)(r + 0.5f);
            }
        }
    }
}
