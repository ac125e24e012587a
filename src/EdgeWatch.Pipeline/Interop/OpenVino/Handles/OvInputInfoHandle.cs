namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_preprocess_input_info_t*</c>: the pre-processing of one model input.</summary>
internal sealed class OvInputInfoHandle : OvHandle
{
    public static OvInputInfoHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvInputInfoHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.InputInfoFree(handle);
        return true;
    }
}
