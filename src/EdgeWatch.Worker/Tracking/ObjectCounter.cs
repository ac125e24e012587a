using EdgeWatch.Pipeline.Detections;

namespace EdgeWatch.Worker.Tracking;

/// <summary>
/// How many objects of each counted label one camera has in view, debounced: a count that differs from the published
/// one for <c>debounceFrames</c> processed frames in a row is published (as the latest frame counts it). The very first
/// frame is taken as it is, so a restart reports what is in view at once.
/// </summary>
/// <remarks>Not thread-safe: the owner serialises calls (one camera's results arrive one at a time).</remarks>
public sealed class ObjectCounter
{
    private readonly int[] _labels;
    private readonly int _debounceFrames;
    private readonly int[] _published;
    private readonly int[] _differing;
    private readonly int[] _current;
    private bool _seeded;

    /// <param name="labels">The counted labels' indices in the model's label set; a slot per label, in this order.</param>
    /// <param name="debounceFrames">Frames a new count must persist; 1 publishes every change at once.</param>
    public ObjectCounter(IReadOnlyList<int> labels, int debounceFrames)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(debounceFrames, 1);
        _labels = [.. labels];
        _debounceFrames = debounceFrames;
        _published = new int[_labels.Length];
        _differing = new int[_labels.Length];
        _current = new int[_labels.Length];
    }

    /// <summary>Counted labels.</summary>
    public int Slots => _labels.Length;

    /// <summary>The published count of slot <paramref name="slot"/> (0 before any frame).</summary>
    public int Published(int slot) => _published[slot];

    /// <summary>Counts one frame's detections; appends the slots whose published count changed.</summary>
    public void Update(ReadOnlySpan<Detection> detections, List<int> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        Array.Clear(_current);
        foreach (ref readonly var detection in detections)
        {
            var slot = Array.IndexOf(_labels, detection.Label);
            if (slot >= 0)
            {
                _current[slot]++;
            }
        }

        for (var slot = 0; slot < _labels.Length; slot++)
        {
            if (_current[slot] == _published[slot])
            {
                _differing[slot] = 0;
                continue;
            }

            if (!_seeded || ++_differing[slot] >= _debounceFrames)
            {
                _published[slot] = _current[slot];
                _differing[slot] = 0;
                changed.Add(slot);
            }
        }

        _seeded = true;
    }
}
