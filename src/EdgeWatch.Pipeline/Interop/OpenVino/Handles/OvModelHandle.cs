namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_model_t*</c>: a model read from an IR or ONNX file, or built by the pre/post-processor.</summary>
internal sealed class OvModelHandle : OvHandle
{
    public static OvModelHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvModelHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.ModelFree(handle);
        return true;
    }
}
