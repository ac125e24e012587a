using System.Diagnostics;

namespace EdgeWatch.Pipeline.Telemetry;

/// <summary>
/// Events per second over the last few seconds (frames read, detections run, frames dropped), for health. Counts go into
/// one-second buckets; reading averages the complete ones. Thread-safe and allocation-free.
/// </summary>
public sealed class RateMeter
{
    private const int Buckets = 6;
    private readonly long[] _counts = new long[Buckets];
    private readonly long[] _seconds = new long[Buckets];
    private long _total;

    /// <summary>Everything counted since start.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Mark(long count = 1)
    {
        var second = Stopwatch.GetTimestamp() / Stopwatch.Frequency;
        var slot = (int)(second % Buckets);
        if (Interlocked.Exchange(ref _seconds[slot], second) != second)
        {
            // A new second in this slot: start it from zero (a racing increment may be lost, which a rate tolerates).
            Interlocked.Exchange(ref _counts[slot], 0);
        }

        Interlocked.Add(ref _counts[slot], count);
        Interlocked.Add(ref _total, count);
    }

    /// <summary>Average per second over the last complete seconds (up to five).</summary>
    public double PerSecond
    {
        get
        {
            var now = Stopwatch.GetTimestamp() / Stopwatch.Frequency;
            long sum = 0;
            for (var back = 1; back < Buckets; back++)
            {
                var second = now - back;
                var slot = (int)(second % Buckets);
                if (Interlocked.Read(ref _seconds[slot]) == second)
                {
                    sum += Interlocked.Read(ref _counts[slot]);
                }
            }

            return sum / (double)(Buckets - 1);
        }
    }
}
