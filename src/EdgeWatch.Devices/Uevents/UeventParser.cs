using System.Text;

namespace EdgeWatch.Devices.Uevents;

/// <summary>
/// Parses kernel uevent datagrams: <c>ACTION@DEVPATH\0KEY=VALUE\0...</c>. Strict about the shape (so that noise is
/// counted as noise) and never throws: the input is whatever arrived on a socket.
/// </summary>
internal static class UeventParser
{
    private const int MaxActionLength = 32;

    private static ReadOnlySpan<byte> UdevMagic => "libudev\0"u8;

    public static UeventParseStatus Parse(ReadOnlySpan<byte> datagram, out Uevent? uevent, out string? problem)
    {
        uevent = null;
        problem = null;
        if (datagram.IsEmpty)
        {
            problem = "empty datagram";
            return UeventParseStatus.Malformed;
        }

        if (datagram.StartsWith(UdevMagic))
        {
            return UeventParseStatus.Udev;
        }

        int headerEnd = datagram.IndexOf((byte)0);
        ReadOnlySpan<byte> header = headerEnd < 0 ? datagram : datagram[..headerEnd];
        int at = header.IndexOf((byte)'@');
        if (at <= 0 || at > MaxActionLength)
        {
            problem = "header is not ACTION@DEVPATH";
            return UeventParseStatus.Malformed;
        }

        ReadOnlySpan<byte> action = header[..at];
        ReadOnlySpan<byte> devPath = header[(at + 1)..];
        if (!IsLowercaseWord(action))
        {
            problem = "action is not a lowercase word";
            return UeventParseStatus.Malformed;
        }

        if (devPath.Length < 2 || devPath[0] != (byte)'/' || !IsPrintableAscii(devPath))
        {
            problem = "devpath is not an absolute printable path";
            return UeventParseStatus.Malformed;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        ReadOnlySpan<byte> rest = headerEnd < 0 ? [] : datagram[(headerEnd + 1)..];
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)0);
            ReadOnlySpan<byte> pair = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue; // trailing or doubled NUL
            }

            int equals = pair.IndexOf((byte)'=');
            if (equals <= 0 || !IsPrintableAscii(pair[..equals]))
            {
                problem = "property is not KEY=VALUE (truncated?)";
                return UeventParseStatus.Malformed;
            }

            // Values are text from the kernel (device names, serials); invalid UTF-8 becomes U+FFFD, never throws.
            properties[Encoding.ASCII.GetString(pair[..equals])] = Encoding.UTF8.GetString(pair[(equals + 1)..]);
        }

        uevent = new Uevent(Encoding.ASCII.GetString(action), Encoding.ASCII.GetString(devPath), properties);
        return UeventParseStatus.Kernel;
    }

    private static bool IsLowercaseWord(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            if (b is < (byte)'a' or > (byte)'z')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPrintableAscii(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            if (b is < 0x20 or > 0x7e)
            {
                return false;
            }
        }

        return true;
    }
}
