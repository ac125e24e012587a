using System.Runtime.InteropServices;
using System.Text;

namespace EdgeWatch.Pipeline.Interop;

/// <summary>
/// An array of NUL-terminated UTF-8 strings in native memory (<c>const char* const*</c>), built once and freed on
/// dispose: what ONNX Runtime's <c>Run</c> takes as input and output names on every call.
/// </summary>
internal sealed unsafe class NativeStringArray : SafeHandle
{
    public NativeStringArray(IReadOnlyList<string> strings)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        ArgumentNullException.ThrowIfNull(strings);
        Count = strings.Count;
        var pointers = sizeof(byte*) * Math.Max(Count, 1);
        var textBytes = strings.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
        var block = (byte*)NativeMemory.AllocZeroed((nuint)(pointers + textBytes));
        SetHandle((IntPtr)block);
        var table = (byte**)block;
        var text = block + pointers;
        for (var i = 0; i < Count; i++)
        {
            table[i] = text;
            var written = Encoding.UTF8.GetBytes(strings[i], new Span<byte>(text, textBytes));
            text[written] = 0;
            text += written + 1;
        }
    }

    public int Count { get; }

    /// <summary>The <c>char**</c>, valid until disposed.</summary>
    public byte** Pointers => (byte**)handle;

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        return true;
    }
}
