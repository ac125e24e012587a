namespace EdgeWatch.Pipeline.Detections;

/// <summary>
/// A model's label names by index, as its labels file lists them (one per line). Indices a file does not cover get a
/// generated name ("class 17") so a decoder never fails on an unexpected id.
/// </summary>
public sealed class LabelSet
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _indices;

    public LabelSet(IEnumerable<string> names)
    {
        _names = [.. names];
        _indices = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _names.Length; i++)
        {
            _indices.TryAdd(_names[i], i);
        }
    }

    public int Count => _names.Length;

    /// <summary>The names, in index order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The name of label <paramref name="index"/>.</summary>
    public string this[int index] => (uint)index < (uint)_names.Length ? _names[index] : GeneratedName(index);

    /// <summary>Index of a label name (case-insensitive), or -1.</summary>
    public int IndexOf(string name) => _indices.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Reads a labels file: one name per line, blank trailing lines ignored.</summary>
    public static LabelSet Load(string path)
    {
        var lines = File.ReadAllLines(path).Select(line => line.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new LabelSet(lines);
    }

    /// <summary>Labels "class 0" .. "class N-1" for models without a labels file.</summary>
    public static LabelSet Numbered(int count) => new(Enumerable.Range(0, count).Select(GeneratedName));

    private static string GeneratedName(int index) => FormattableString.Invariant($"class {index}");
}
