using EdgeWatch.Devices.Sticks;

namespace EdgeWatch.Devices.Monitoring;

/// <summary>
/// The sticks the monitor reports, reconciled against each scan of sysfs (level-triggered: a scan is the truth,
/// not a sum of events). A stick missing from a scan is kept for the grace period, so that the firmware-boot
/// re-enumeration (2485 → gone → f63b at the same port) is one stick that changed, not a removal and an addition.
/// Not thread-safe: the monitor serialises access.
/// </summary>
internal sealed class StickInventory
{
    private readonly TimeSpan _grace;
    private readonly TimeProvider _time;
    private readonly SortedDictionary<string, Stick> _present = new(UsbPortPath.Comparer);
    private readonly Dictionary<string, long> _missingSince = new(StringComparer.Ordinal);

    public StickInventory(TimeSpan grace, TimeProvider time)
    {
        _grace = grace;
        _time = time;
    }

    /// <summary>The sticks reported present (including those missing for less than the grace), by port.</summary>
    public IReadOnlyList<Stick> Sticks { get; private set; } = [];

    /// <summary>Applies one scan; returns the events it implies and the sticks that just went missing.</summary>
    public (IReadOnlyList<StickEvent> Events, IReadOnlyList<Stick> Vanished) Reconcile(IReadOnlyList<Stick> scanned)
    {
        long now = _time.GetTimestamp();
        DateTimeOffset at = _time.GetUtcNow();
        var events = new List<StickEvent>();
        var vanished = new List<Stick>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Stick stick in scanned)
        {
            if (!seen.Add(stick.Port))
            {
                continue;
            }

            _missingSince.Remove(stick.Port);
            if (!_present.TryGetValue(stick.Port, out Stick? previous))
            {
                _present[stick.Port] = stick;
                events.Add(new StickEvent(StickEventKind.Added, stick, null, at));
            }
            else if (previous != stick)
            {
                _present[stick.Port] = stick;
                events.Add(new StickEvent(StickEventKind.Changed, stick, previous, at));
            }
        }

        foreach (string port in _present.Keys.Where(p => !seen.Contains(p)).ToList())
        {
            Stick last = _present[port];
            if (!_missingSince.TryGetValue(port, out long since))
            {
                _missingSince[port] = now;
                vanished.Add(last);
            }
            else if (_time.GetElapsedTime(since, now) >= _grace)
            {
                _missingSince.Remove(port);
                _present.Remove(port);
                events.Add(new StickEvent(StickEventKind.Removed, last, null, at));
            }
        }

        if (events.Count > 0)
        {
            Sticks = [.. _present.Values];
        }

        return (events, vanished);
    }

    /// <summary>Time until the earliest missing stick's grace runs out (then a scan decides), or null if none is missing.</summary>
    public TimeSpan? UntilNextRemovalDecision()
    {
        if (_missingSince.Count == 0)
        {
            return null;
        }

        long now = _time.GetTimestamp();
        TimeSpan earliest = TimeSpan.MaxValue;
        foreach (long since in _missingSince.Values)
        {
            TimeSpan left = _grace - _time.GetElapsedTime(since, now);
            if (left < earliest)
            {
                earliest = left;
            }
        }

        return earliest;
    }
}
