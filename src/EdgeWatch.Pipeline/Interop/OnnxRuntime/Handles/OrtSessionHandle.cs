using Microsoft.Win32.SafeHandles;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;

/// <summary>Owns an <c>OrtSession*</c>: a loaded model.</summary>
internal sealed unsafe class OrtSessionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OrtSessionHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a pointer the library just returned.</summary>
    public static OrtSessionHandle Adopt(IntPtr pointer)
    {
        var handle = new OrtSessionHandle();
        handle.SetHandle(pointer);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        OrtLibrary.Api.ReleaseSession(handle);
        return true;
    }
}
