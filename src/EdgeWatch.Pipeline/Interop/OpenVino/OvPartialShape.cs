using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// <c>ov_partial_shape_t</c>: <c>{ ov_rank_t rank; ov_dimension_t* dims; }</c> (ov_partial_shape.h). Filled by
/// <c>ov_port_get_partial_shape</c>; released with <c>ov_partial_shape_free</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OvPartialShape
{
    public OvDimension Rank;
    public OvDimension* Dims;
}
