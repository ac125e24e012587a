using Microsoft.Win32.SafeHandles;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;

/// <summary>Owns an <c>OrtTypeInfo*</c>: the type of a model input or output.</summary>
internal sealed unsafe class OrtTypeInfoHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OrtTypeInfoHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a pointer the library just returned.</summary>
    public static OrtTypeInfoHandle Adopt(IntPtr pointer)
    {
        var handle = new OrtTypeInfoHandle();
        handle.SetHandle(pointer);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        OrtLibrary.Api.ReleaseTypeInfo(handle);
        return true;
    }
}
