namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_layout_t*</c>: a layout description ("NCHW").</summary>
internal sealed class OvLayoutHandle : OvHandle
{
    public static OvLayoutHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvLayoutHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.LayoutFree(handle);
        return true;
    }
}
