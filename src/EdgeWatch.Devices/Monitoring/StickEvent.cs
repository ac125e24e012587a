using EdgeWatch.Devices.Sticks;

namespace EdgeWatch.Devices.Monitoring;

/// <summary>A change in the stick inventory.</summary>
/// <param name="Kind">Added, Changed or Removed.</param>
/// <param name="Stick">The stick as it is now; for <see cref="StickEventKind.Removed"/>, as it was last seen.</param>
/// <param name="Previous">For <see cref="StickEventKind.Changed"/>, the stick as it was before; otherwise null.</param>
/// <param name="Timestamp">When the monitor noticed (wall clock of its <see cref="TimeProvider"/>).</param>
public sealed record StickEvent(StickEventKind Kind, Stick Stick, Stick? Previous, DateTimeOffset Timestamp)
{
    /// <summary>The stick's identity, its USB port path (<c>1-1.3</c>).</summary>
    public string Port => Stick.Port;
}
