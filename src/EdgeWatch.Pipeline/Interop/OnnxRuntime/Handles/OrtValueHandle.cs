using Microsoft.Win32.SafeHandles;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;

/// <summary>Owns an <c>OrtValue*</c>: a tensor, over EdgeWatch's own buffer or allocated by the library.</summary>
internal sealed unsafe class OrtValueHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OrtValueHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a pointer the library just returned.</summary>
    public static OrtValueHandle Adopt(IntPtr pointer)
    {
        var handle = new OrtValueHandle();
        handle.SetHandle(pointer);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        OrtLibrary.Api.ReleaseValue(handle);
        return true;
    }
}
