namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_preprocess_prepostprocessor_t*</c>: the builder of a model's pre- and post-processing.</summary>
internal sealed class OvPrePostProcessorHandle : OvHandle
{
    public static OvPrePostProcessorHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvPrePostProcessorHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.PrePostProcessorFree(handle);
        return true;
    }
}
