namespace EdgeWatch.Worker.Benchmarks;

/// <summary>A set of measurements (milliseconds) and the figures a benchmark table shows.</summary>
internal sealed class Samples
{
    private readonly List<double> _values;

    /// <param name="capacity">Expected count: reserving it keeps measuring loops free of allocations.</param>
    public Samples(int capacity = 1024)
    {
        _values = new List<double>(capacity);
    }

    public int Count => _values.Count;

    public void Add(double value) => _values.Add(value);

    public void AddRange(IEnumerable<double> values) => _values.AddRange(values);

    public double Mean => _values.Count == 0 ? double.NaN : _values.Average();

    public double Percentile(double p)
    {
        if (_values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _values.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public double P50 => Percentile(50);

    public double P95 => Percentile(95);

    public double P99 => Percentile(99);
}
