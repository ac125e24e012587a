namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>A BGR24 image in memory (a camera frame, a decoded file): rows of <see cref="Stride"/> bytes.</summary>
public readonly ref struct ImageView
{
    public ImageView(ReadOnlySpan<byte> pixels, int width, int height, int stride = 0)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"An image needs a positive size, got {width}x{height}.");
        }

        Stride = stride == 0 ? width * 3 : stride;
        if (Stride < width * 3 || pixels.Length < (long)Stride * (height - 1) + width * 3)
        {
            throw new ArgumentException($"{pixels.Length} bytes cannot hold a {width}x{height} BGR image with stride {Stride}.");
        }

        Pixels = pixels;
        Width = width;
        Height = height;
    }

    public ReadOnlySpan<byte> Pixels { get; }

    public int Width { get; }

    public int Height { get; }

    public int Stride { get; }
}
