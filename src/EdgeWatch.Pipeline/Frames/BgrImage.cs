using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Frames;

/// <summary>A decoded still image in BGR24, owning its pixels.</summary>
public sealed class BgrImage
{
    public BgrImage(byte[] pixels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0 || height <= 0 || pixels.Length < width * height * 3)
        {
            throw new ArgumentException($"{pixels.Length} bytes cannot hold a {width}x{height} BGR image.", nameof(pixels));
        }

        Pixels = pixels;
        Width = width;
        Height = height;
    }

    public byte[] Pixels { get; }

    public int Width { get; }

    public int Height { get; }

    public ImageView View => new(Pixels, Width, Height);
}
