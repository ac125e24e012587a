using System.Buffers.Binary;
using System.Text;

namespace EdgeWatch.Worker.Snapshots;

/// <summary>
/// Just enough of the JPEG file structure to split a stream of JPEGs (ffmpeg's image2pipe output) and to add a comment:
/// a file is SOI (FF D8), segments (FF xx + 16-bit length), after SOS the entropy-coded data (where FF is followed by 00
/// or a restart marker D0-D7), and EOI (FF D9). Walking the segments, rather than searching for FF D9, is not fooled by
/// an FF D9 inside a segment (an embedded thumbnail).
/// </summary>
public static class JpegMarkers
{
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte Comment = 0xFE;

    /// <summary>The length of the complete JPEG at the start of <paramref name="data"/>, or 0 while it is incomplete.</summary>
    /// <exception cref="InvalidDataException">The data does not start with a JPEG.</exception>
    public static int CompleteLength(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            return 0;
        }

        if (data[0] != Marker || data[1] != StartOfImage)
        {
            throw new InvalidDataException($"not a JPEG: starts with {data[0]:X2} {data[1]:X2}");
        }

        var position = 2;
        var inScan = false;
        while (true)
        {
            if (inScan)
            {
                // Entropy-coded data: skip to the next FF that starts a real marker.
                var next = data[position..].IndexOf(Marker);
                if (next < 0 || position + next + 1 >= data.Length)
                {
                    return 0;
                }

                position += next;
                var code = data[position + 1];
                if (code == 0x00 || code is >= 0xD0 and <= 0xD7)
                {
                    position += 2;
                    continue;
                }

                inScan = false;
            }

            // A marker; FF may be repeated as fill.
            while (position < data.Length && data[position] == Marker && position + 1 < data.Length && data[position + 1] == Marker)
            {
                position++;
            }

            if (position + 1 >= data.Length)
            {
                return 0;
            }

            if (data[position] != Marker)
            {
                throw new InvalidDataException($"expected a JPEG marker at byte {position}, found {data[position]:X2}");
            }

            var marker = data[position + 1];
            if (marker == EndOfImage)
            {
                return position + 2;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                position += 2; // standalone markers carry no length
                continue;
            }

            if (position + 3 >= data.Length)
            {
                return 0;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 2, 2));
            if (length < 2)
            {
                throw new InvalidDataException($"JPEG segment {marker:X2} at byte {position} has length {length}");
            }

            position += 2 + length;
            if (position > data.Length)
            {
                return 0;
            }

            inScan = marker == StartOfScan;
        }
    }

    /// <summary>
    /// Copies <paramref name="jpeg"/> with a comment segment (COM) holding <paramref name="text"/> after its application
    /// segments (JFIF's APP0 must stay first). Readers ignore comments; EdgeWatch puts the camera, frame number and time there.
    /// </summary>
    public static byte[] WithComment(ReadOnlySpan<byte> jpeg, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (jpeg.Length < 4 || jpeg[0] != Marker || jpeg[1] != StartOfImage)
        {
            throw new InvalidDataException("not a JPEG");
        }

        var insertAt = 2;
        while (insertAt + 3 < jpeg.Length && jpeg[insertAt] == Marker && jpeg[insertAt + 1] is >= 0xE0 and <= 0xEF)
        {
            insertAt += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(insertAt + 2, 2));
        }

        insertAt = Math.Min(insertAt, jpeg.Length);
        var comment = Encoding.UTF8.GetBytes(text);
        var commentLength = Math.Min(comment.Length, ushort.MaxValue - 2);
        var result = new byte[jpeg.Length + 4 + commentLength];
        jpeg[..insertAt].CopyTo(result);
        result[insertAt] = Marker;
        result[insertAt + 1] = Comment;
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(insertAt + 2), (ushort)(commentLength + 2));
        comment.AsSpan(0, commentLength).CopyTo(result.AsSpan(insertAt + 4));
        jpeg[insertAt..].CopyTo(result.AsSpan(insertAt + 4 + commentLength));
        return result;
    }

    /// <summary>The text of every comment segment before the image data, in order.</summary>
    public static IReadOnlyList<string> Comments(ReadOnlySpan<byte> jpeg)
    {
        var comments = new List<string>();
        var position = 2;
        while (position + 3 < jpeg.Length && jpeg[position] == Marker && jpeg[position + 1] != StartOfScan)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(position + 2, 2));
            if (jpeg[position + 1] == Comment && position + 2 + length <= jpeg.Length)
            {
                comments.Add(Encoding.UTF8.GetString(jpeg.Slice(position + 4, length - 2)));
            }

            position += 2 + length;
        }

        return comments;
    }
}
