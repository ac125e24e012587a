using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// <c>ov_callback_t</c>: <c>{ void (*callback_func)(void* args); void* args; }</c> (ov_infer_request.h). The library keeps
/// the pointer it is given (not a copy) and reads it when an inference completes, so the struct lives in native memory
/// for as long as the request can call back; see <see cref="OvCompletion"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OvCallback
{
    public delegate* unmanaged[Cdecl]<void*, void> Function;
    public void* Args;
}
