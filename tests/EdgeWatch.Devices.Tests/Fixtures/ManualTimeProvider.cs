namespace EdgeWatch.Devices.Tests.Fixtures;

/// <summary>A clock that moves only when the test says so (for the pure reconciliation logic; no timers).</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks;
    private DateTimeOffset _utc = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override DateTimeOffset GetUtcNow() => _utc;

    public void Advance(TimeSpan by)
    {
        _ticks += by.Ticks;
        _utc += by;
    }
}
