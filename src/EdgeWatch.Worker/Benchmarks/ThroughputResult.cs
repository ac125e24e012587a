namespace EdgeWatch.Worker.Benchmarks;

/// <summary>What one benchmark row measured.</summary>
/// <param name="Frames">Frames completed in the measured window.</param>
/// <param name="Seconds">Length of the window.</param>
/// <param name="Requests">Requests each worker kept in flight.</param>
/// <param name="LatencyP50">Dispatch to completion, milliseconds.</param>
/// <param name="CpuPercent">Process CPU time / wall time, percent of one core (200 = two cores busy).</param>
/// <param name="CpuPerFrame">Process CPU milliseconds per frame.</param>
/// <param name="Dropped">Frames dropped by the scheduler (stale or superseded) in the window.</param>
/// <param name="PoolEmpty">Times the source waited for a free frame buffer.</param>
/// <param name="Failures">Workers that failed, with the reason.</param>
internal sealed record ThroughputResult(
    long Frames, double Seconds, int Requests, double LatencyP50, double LatencyP95, double LatencyP99, double CpuPercent, double CpuPerFrame,
    long Dropped, long PoolEmpty, IReadOnlyList<string> Failures)
{
    public double FramesPerSecond => Seconds > 0 ? Frames / Seconds : 0;
}
