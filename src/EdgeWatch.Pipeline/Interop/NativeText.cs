using System.Text;

namespace EdgeWatch.Pipeline.Interop;

/// <summary>Strings on their way into C: always UTF-8 and always NUL-terminated.</summary>
internal static class NativeText
{
    /// <summary>The UTF-8 bytes of <paramref name="text"/> followed by a NUL, for <c>fixed</c> blocks at set-up time.</summary>
    public static byte[] NullTerminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
