using System.Diagnostics;
using EdgeWatch.Pipeline.Scheduling;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// Where a benchmark's results go: counts the frames completed while measuring and records each one's latency from the
/// scheduler handing it to a worker to the worker completing it (pre-processing, inference, decoding, and any wait for
/// a request slot).
/// </summary>
internal sealed class LatencySink : IDetectionSink
{
    private readonly Lock _gate = new();
    private Samples _latencies = new(1 << 16);
    private bool _measuring;
    private long _count;

    /// <summary>Frames completed since <see cref="Begin"/>.</summary>
    public long Count => Interlocked.Read(ref _count);

    public void Publish(DetectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var milliseconds = (result.CompletedAt - result.DispatchedAt) * 1000.0 / Stopwatch.Frequency;
        lock (_gate)
        {
            if (_measuring)
            {
                _latencies.Add(milliseconds);
                Interlocked.Increment(ref _count);
            }
        }
    }

    /// <summary>Forgets the warm-up and starts counting.</summary>
    public void Begin()
    {
        lock (_gate)
        {
            _latencies = new Samples(1 << 16);
            Interlocked.Exchange(ref _count, 0);
            _measuring = true;
        }
    }

    /// <summary>Stops counting; returns the frames counted and their latencies.</summary>
    public (long Frames, Samples Latencies) End()
    {
        lock (_gate)
        {
            _measuring = false;
            return (Interlocked.Read(ref _count), _latencies);
        }
    }
}
