namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_preprocess_input_tensor_info_t*</c>: what the caller will feed an input (element type, layout, colour).</summary>
internal sealed class OvInputTensorInfoHandle : OvHandle
{
    public static OvInputTensorInfoHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvInputTensorInfoHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.InputTensorInfoFree(handle);
        return true;
    }
}
