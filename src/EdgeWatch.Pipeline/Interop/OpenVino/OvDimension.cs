using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// <c>ov_dimension_t</c> (and <c>ov_rank_t</c>, the same struct): <c>{ int64_t min; int64_t max; }</c>. A static
/// dimension has min == max; a dynamic one has max -1.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OvDimension
{
    public long Min;
    public long Max;

    public readonly bool IsStatic => Min == Max && Max >= 0;
}
