namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_core_t*</c>: the runtime core, which owns the device plugins.</summary>
internal sealed class OvCoreHandle : OvHandle
{
    public static OvCoreHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvCoreHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.CoreFree(handle);
        return true;
    }
}
