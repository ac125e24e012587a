namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>Owns an <c>ov_infer_request_t*</c>: one inference slot of a compiled model.</summary>
/// <remarks>
/// Freeing a request whose inference is still running makes the runtime wait for it to finish (the C++ request's
/// destructor stops and joins its pipeline), so <see cref="OvInferenceBinding"/> frees a hung request on a thread of its
/// own, and only then releases the callback state the runtime could still call.
/// </remarks>
internal sealed class OvInferRequestHandle : OvHandle
{
    public static OvInferRequestHandle Adopt(OvApi api, IntPtr pointer) => Adopt<OvInferRequestHandle>(api, pointer);

    protected override unsafe bool ReleaseHandle()
    {
        Api.InferRequestFree(handle);
        return true;
    }
}
