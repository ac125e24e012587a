namespace EdgeWatch.Pipeline.Telemetry;

/// <summary>The last few hundred durations of something (inference, end-to-end), and their percentiles for health.</summary>
public sealed class LatencyWindow
{
    private readonly double[] _values;
    private readonly Lock _gate = new();
    private long _count;

    public LatencyWindow(int size = 512)
    {
        _values = new double[size];
    }

    public long Count => Interlocked.Read(ref _count);

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _values[_count % _values.Length] = milliseconds;
            _count++;
        }
    }

    /// <summary>Forgets everything recorded so far (a benchmark's warm-up).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _count = 0;
        }
    }

    /// <summary>The p-th percentile (0..100) of the window, or null when empty. Allocates: for health, not hot paths.</summary>
    public double? Percentile(double p)
    {
        double[] copy;
        lock (_gate)
        {
            copy = _values.AsSpan(0, (int)Math.Min(_count, _values.Length)).ToArray();
        }

        if (copy.Length == 0)
        {
            return null;
        }

        Array.Sort(copy);
        var rank = p / 100 * (copy.Length - 1);
        var low = (int)rank;
        var high = Math.Min(low + 1, copy.Length - 1);
        return copy[low] + ((copy[high] - copy[low]) * (rank - low));
    }
}
