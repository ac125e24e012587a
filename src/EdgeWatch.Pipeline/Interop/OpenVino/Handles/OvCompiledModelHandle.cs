namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_compiled_model_t*</c>: a model compiled onto one device.</summary>
internal sealed class OvCompiledModelHandle : OvHandle
{
    public static OvCompiledModelHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvCompiledModelHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.CompiledModelFree(handle);
        return true;
    }
}
