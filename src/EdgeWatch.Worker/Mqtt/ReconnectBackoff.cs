namespace EdgeWatch.Worker.Mqtt;

/// <summary>
/// Exponential delay between connection attempts: min, 2·min, 4·min … capped at max, each shortened by up to 20 %
/// at random so a fleet of devices does not reconnect to a restarted broker in lockstep.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan min, TimeSpan max)
{
    private int _failures;

    public TimeSpan Next()
    {
        double factor = Math.Pow(2, Math.Min(_failures, 30));
        _failures++;
        TimeSpan delay = min * factor;
        if (delay > max)
        {
            delay = max;
        }

#pragma warning disable CA5394 // Jitter, not security.
        return delay * (0.8 + (0.2 * Random.Shared.NextDouble()));
#pragma warning restore CA5394
    }

    public void Reset() => _failures = 0;
}
