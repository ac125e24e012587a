namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_output_const_port_t*</c>: one input or output port of a model.</summary>
internal sealed class OvPortHandle : OvHandle
{
    public static OvPortHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvPortHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.OutputConstPortFree(handle);
        return true;
    }
}
