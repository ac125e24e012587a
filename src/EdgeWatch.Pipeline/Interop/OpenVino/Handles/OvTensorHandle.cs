namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_tensor_t*</c>: a tensor, over EdgeWatch's memory or the library's.</summary>
internal sealed class OvTensorHandle : OvHandle
{
    public static OvTensorHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvTensorHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.TensorFree(handle);
        return true;
    }
}
