namespace EdgeWatch.Devices.Monitoring;

/// <summary>What happened to a stick at a port.</summary>
public enum StickEventKind
{
    /// <summary>A stick is present at a port where there was none (or it was present when the subscriber joined).</summary>
    Added,

    /// <summary>
    /// The stick at a port now reads differently: booted (2485 → f63b) after its re-enumeration, a new device
    /// number, a new link speed. It is the same stick: its workers keep it.
    /// </summary>
    Changed,

    /// <summary>The stick has been gone from its port for longer than the grace period.</summary>
    Removed,
}
