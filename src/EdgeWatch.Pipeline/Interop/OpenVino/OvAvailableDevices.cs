using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// <c>ov_available_devices_t</c>: <c>{ char** devices; size_t size; }</c> (ov_core.h). Filled by
/// <c>ov_core_get_available_devices</c>; released with <c>ov_available_devices_free</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OvAvailableDevices
{
    public byte** Devices;
    public nuint Size;
}
