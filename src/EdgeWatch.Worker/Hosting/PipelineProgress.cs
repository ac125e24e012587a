using System.Diagnostics;
using EdgeWatch.Pipeline.Scheduling;

namespace EdgeWatch.Worker.Hosting;

/// <summary>
/// When the pipeline last published a result: the "is it making progress" signal behind the systemd watchdog and the
/// health report, and the end-to-end latency (frame read → published, minus inference) for benchmarks.
/// </summary>
public sealed class PipelineProgress : IDetectionSink
{
    private long _lastPublishedAt;
    private long _published;

    /// <summary>Results published since start.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Time since the last published result, or null before the first.</summary>
    public TimeSpan? SinceLastResult => Interlocked.Read(ref _lastPublishedAt) is var at and > 0 ? Stopwatch.GetElapsedTime(at) : null;

    /// <summary>Added latency of recent results (read → published, minus inference), milliseconds.</summary>
    public Pipeline.Telemetry.LatencyWindow AddedLatency { get; } = new(4096);

    public void Publish(DetectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _lastPublishedAt, now);
        Interlocked.Increment(ref _published);
        AddedLatency.Add(Stopwatch.GetElapsedTime(result.Frame.CapturedAt, now).TotalMilliseconds - result.InferenceMilliseconds);
    }
}
