namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_preprocess_output_info_t*</c>: the post-processing of one model output.</summary>
internal sealed class OvOutputInfoHandle : OvHandle
{
    public static OvOutputInfoHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvOutputInfoHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.OutputInfoFree(handle);
        return true;
    }
}
