using EdgeWatch.Pipeline.Telemetry;

namespace EdgeWatch.Pipeline.Scheduling;

/// <summary>A worker's live figures for health.</summary>
public sealed class WorkerStatus
{
    private long _inFlight;
    private long _completed;
    private long _errors;
    private long _busyTicks;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public long Completed => Interlocked.Read(ref _completed);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Time spent on frames (preparing, inferring, decoding, publishing), summed over the slots.</summary>
    public TimeSpan Busy => TimeSpan.FromSeconds(Interlocked.Read(ref _busyTicks) / (double)System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Inference durations of recent frames, milliseconds.</summary>
    public LatencyWindow Inference { get; } = new();

    /// <summary>Why the worker stopped, if it failed.</summary>
    public string? LastError { get; internal set; }

    internal void Began() => Interlocked.Increment(ref _inFlight);

    internal void Ended(long busyTicks)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Add(ref _busyTicks, busyTicks);
    }

    internal void Succeeded(double milliseconds)
    {
        Interlocked.Increment(ref _completed);
        Inference.Add(milliseconds);
    }

    internal void Failed() => Interlocked.Increment(ref _errors);
}
