using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// <c>ov_shape_t</c>: <c>typedef struct { int64_t rank; int64_t* dims; } ov_shape_t;</c> (ov_shape.h). Passed by value to
/// <c>ov_tensor_create_from_host_ptr</c>; when the library fills one, its <c>dims</c> belong to the library and are
/// released with <c>ov_shape_free</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OvShape
{
    public long Rank;
    public long* Dims;
}
