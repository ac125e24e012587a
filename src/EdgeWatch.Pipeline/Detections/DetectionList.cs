namespace EdgeWatch.Pipeline.Detections;

/// <summary>
/// A reusable, growable list of detections. Decoders append into it; its array grows to the largest frame seen and is then
/// reused, so decoding allocates nothing in steady state.
/// </summary>
public sealed class DetectionList
{
    private Detection[] _items;

    public DetectionList(int capacity = 64)
    {
        _items = new Detection[Math.Max(capacity, 4)];
    }

    public int Count { get; private set; }

    public Detection this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The detections, for in-place sorting and filtering.</summary>
    public Span<Detection> AsSpan() => _items.AsSpan(0, Count);

    public ReadOnlySpan<Detection> AsReadOnlySpan() => _items.AsSpan(0, Count);

    public void Add(in Detection detection)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = detection;
    }

    public void Clear() => Count = 0;

    /// <summary>Keeps the first <paramref name="count"/> detections.</summary>
    public void Truncate(int count) => Count = Math.Clamp(count, 0, Count);

    /// <summary>Copies every detection of <paramref name="source"/> into this list, replacing its contents.</summary>
    public void CopyFrom(DetectionList source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Clear();
        foreach (ref readonly var detection in source.AsReadOnlySpan())
        {
            Add(detection);
        }
    }
}
