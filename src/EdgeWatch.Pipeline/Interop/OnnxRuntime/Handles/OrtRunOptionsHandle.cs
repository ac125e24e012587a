using Microsoft.Win32.SafeHandles;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;

/// <summary>Owns an <c>OrtRunOptions*</c>: per-run settings, used to terminate a run from another thread.</summary>
internal sealed unsafe class OrtRunOptionsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OrtRunOptionsHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a pointer the library just returned.</summary>
    public static OrtRunOptionsHandle Adopt(IntPtr pointer)
    {
        var handle = new OrtRunOptionsHandle();
        handle.SetHandle(pointer);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        OrtLibrary.Api.ReleaseRunOptions(handle);
        return true;
    }
}
