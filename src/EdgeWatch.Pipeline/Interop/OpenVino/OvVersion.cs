using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// <c>ov_version_t</c>: <c>{ const char* buildNumber; const char* description; }</c> (ov_core.h). Filled by
/// <c>ov_get_openvino_version</c>; the strings are the library's and are released with <c>ov_version_free</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OvVersion
{
    public byte* BuildNumber;
    public byte* Description;
}
