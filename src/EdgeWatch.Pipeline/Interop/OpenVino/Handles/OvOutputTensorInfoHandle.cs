namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_preprocess_output_tensor_info_t*</c>: what the caller wants from an output (its element type).</summary>
internal sealed class OvOutputTensorInfoHandle : OvHandle
{
    public static OvOutputTensorInfoHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvOutputTensorInfoHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.OutputTensorInfoFree(handle);
        return true;
    }
}
