using Microsoft.Win32.SafeHandles;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;

/// <summary>Owns an <c>OrtMemoryInfo*</c>: where a tensor's memory lives.</summary>
internal sealed unsafe class OrtMemoryInfoHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OrtMemoryInfoHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a pointer the library just returned.</summary>
    public static OrtMemoryInfoHandle Adopt(IntPtr pointer)
    {
        var handle = new OrtMemoryInfoHandle();
        handle.SetHandle(pointer);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        OrtLibrary.Api.ReleaseMemoryInfo(handle);
        return true;
    }
}
