namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_preprocess_preprocess_steps_t*</c>: the conversion steps of one input.</summary>
internal sealed class OvPreprocessStepsHandle : OvHandle
{
    public static OvPreprocessStepsHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvPreprocessStepsHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.PreprocessStepsFree(handle);
        return true;
    }
}
