using Microsoft.Win32.SafeHandles;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;

/// <summary>Owns an <c>OrtSessionOptions*</c>: settings for creating a session.</summary>
internal sealed unsafe class OrtSessionOptionsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OrtSessionOptionsHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a pointer the library just returned.</summary>
    public static OrtSessionOptionsHandle Adopt(IntPtr pointer)
    {
        var handle = new OrtSessionOptionsHandle();
        handle.SetHandle(pointer);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        OrtLibrary.Api.ReleaseSessionOptions(handle);
        return true;
    }
}
