namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>
/// An image in memory (a camera frame, a decoded file): BGR24 rows of <see cref="Stride"/> bytes, or I420 planes (luma
/// rows of <see cref="Width"/> bytes, then U and V planes of <see cref="ChromaWidth"/> x <see cref="ChromaHeight"/>).
/// </summary>
public readonly ref struct ImageView
{
    public ImageView(ReadOnlySpan<byte> pixels, int width, int height, int stride = 0, PixelFormat format = PixelFormat.Bgr24)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"An image needs a positive size, got {width}x{height}.");
        }

        Format = format;
        if (format == PixelFormat.I420)
        {
            Stride = width;
            if (pixels.Length < ByteLength(format, width, height))
            {
                throw new ArgumentException($"{pixels.Length} bytes cannot hold a {width}x{height} I420 image.");
            }
        }
        else
        {
            Stride = stride == 0 ? width * 3 : stride;
            if (Stride < width * 3 || pixels.Length < (long)Stride * (height - 1) + width * 3)
            {
                throw new ArgumentException($"{pixels.Length} bytes cannot hold a {width}x{height} BGR image with stride {Stride}.");
            }
        }

        Pixels = pixels;
        Width = width;
        Height = height;
    }

    public ReadOnlySpan<byte> Pixels { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes per row: of the BGR image, or of the I420 luma plane.</summary>
    public int Stride { get; }

    public PixelFormat Format { get; }

    /// <summary>Width of an I420 image's chroma planes (half, rounded up).</summary>
    public int ChromaWidth => (Width + 1) / 2;

    /// <summary>Height of an I420 image's chroma planes (half, rounded up).</summary>
    public int ChromaHeight => (Height + 1) / 2;

    /// <summary>An I420 image's luma plane.</summary>
    public ReadOnlySpan<byte> LumaPlane => Pixels[..(Width * Height)];

    /// <summary>An I420 image's U (blue difference) plane.</summary>
    public ReadOnlySpan<byte> UPlane => Pixels.Slice(Width * Height, ChromaWidth * ChromaHeight);

    /// <summary>An I420 image's V (red difference) plane.</summary>
    public ReadOnlySpan<byte> VPlane => Pixels.Slice((Width * Height) + (ChromaWidth * ChromaHeight), ChromaWidth * ChromaHeight);

    /// <summary>Bytes an image of this format and size takes.</summary>
    public static int ByteLength(PixelFormat format, int width, int height) => format == PixelFormat.I420
        ? (width * height) + (2 * ((width + 1) / 2) * ((height + 1) / 2))
        : width * height * 3;
}
