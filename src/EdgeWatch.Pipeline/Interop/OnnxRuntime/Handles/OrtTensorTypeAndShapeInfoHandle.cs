using Microsoft.Win32.SafeHandles;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;

/// <summary>Owns an <c>OrtTensorTypeAndShapeInfo*</c>: element type and shape of an output the library allocated.</summary>
internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OrtTensorTypeAndShapeInfoHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a pointer the library just returned.</summary>
    public static OrtTensorTypeAndShapeInfoHandle Adopt(IntPtr pointer)
    {
        var handle = new OrtTensorTypeAndShapeInfoHandle();
        handle.SetHandle(pointer);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        OrtLibrary.Api.ReleaseTensorTypeAndShapeInfo(handle);
        return true;
    }
}
