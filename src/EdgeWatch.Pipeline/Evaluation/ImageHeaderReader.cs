using System.Buffers.Binary;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// Reads an image's pixel size from its JPEG frame header (SOF0..SOF15) or PNG IHDR chunk, without decoding
/// it. The size is the stored one: EXIF orientation is not applied (COCO's sizes are the stored ones too).
/// </summary>
internal static class ImageHeaderReader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) ReadSize(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> start = stackalloc byte[8];
            if (stream.ReadAtLeast(start, 8, throwOnEndOfStream: false) >= 2 && start[0] == 0xFF && start[1] == 0xD8)
            {
                stream.Position = 2;
                return ReadJpegSize(stream, path);
            }

            if (start.SequenceEqual(PngSignature))
            {
                return ReadPngSize(stream, path);
            }

            throw new EvaluationDataException(path, null, "is neither a JPEG nor a PNG image");
        }
        catch (EndOfStreamException e)
        {
            throw new EvaluationDataException(path, null, "image file ends before its size header", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw EvaluationFiles.CannotRead(path, e);
        }
    }

    private static (int Width, int Height) ReadPngSize(Stream stream, string path)
    {
        Span<byte> chunk = stackalloc byte[16];
        stream.ReadExactly(chunk);
        if (!chunk.Slice(4, 4).SequenceEqual("IHDR"u8))
        {
            throw new EvaluationDataException(path, null, "PNG does not start with an IHDR chunk");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(chunk.Slice(8, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(chunk.Slice(12, 4));
        return Checked(width, height, path);
    }

    private static (int Width, int Height) ReadJpegSize(Stream stream, string path)
    {
        Span<byte> header = stackalloc byte[5];
        Span<byte> lengthBytes = stackalloc byte[2];
        while (true)
        {
            if (ReadByte(stream) != 0xFF)
            {
                throw new EvaluationDataException(path, null, $"corrupt JPEG: no marker at byte {stream.Position - 1}");
            }

            int marker;
            do
            {
                marker = ReadByte(stream); // 0xFF fill bytes may pad before a marker
            }
            while (marker == 0xFF);

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // markers without a length
            }

            if (marker is 0xD9 or 0xDA)
            {
                throw new EvaluationDataException(path, null, "JPEG has no frame header before its image data");
            }

            stream.ReadExactly(lengthBytes);
            int length = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes);
            if (length < 2)
            {
                throw new EvaluationDataException(path, null, $"corrupt JPEG: segment length {length} at byte {stream.Position - 2}");
            }

            // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                stream.ReadExactly(header); // precision, height, width
                var height = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(1, 2));
                var width = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(3, 2));
                return Checked(width, height, path);
            }

            stream.Seek(length - 2, SeekOrigin.Current);
        }
    }

    private static int ReadByte(Stream stream) =>
        stream.ReadByte() is var b and >= 0 ? b : throw new EndOfStreamException();

    private static (int Width, int Height) Checked(uint width, uint height, string path) =>
        width is > 0 and <= int.MaxValue && height is > 0 and <= int.MaxValue
            ? ((int)width, (int)height)
            : throw new EvaluationDataException(path, null, $"image header gives an unusable size {width}x{height}");
}
