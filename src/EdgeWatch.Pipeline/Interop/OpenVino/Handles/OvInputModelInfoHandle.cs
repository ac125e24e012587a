namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_preprocess_input_model_info_t*</c>: what the model itself expects at an input (its layout).</summary>
internal sealed class OvInputModelInfoHandle : OvHandle
{
    public static OvInputModelInfoHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvInputModelInfoHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.InputModelInfoFree(handle);
        return true;
    }
}
