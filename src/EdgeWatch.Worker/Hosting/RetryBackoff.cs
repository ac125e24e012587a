namespace EdgeWatch.Worker.Hosting;

/// <summary>Exponential backoff between attempts: 1 s, 2 s, 4 s … up to a maximum; reset after a success.</summary>
public sealed class RetryBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _maximum;
    private TimeSpan _next;

    public RetryBackoff(TimeSpan first, TimeSpan maximum)
    {
        _first = first;
        _maximum = maximum;
        _next = first;
    }

    /// <summary>Failures in a row since the last success.</summary>
    public int Failures { get; private set; }

    /// <summary>The delay before the next attempt; each call doubles the following one.</summary>
    public TimeSpan Next()
    {
        Failures++;
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, _maximum.Ticks));
        return delay;
    }

    public void Reset()
    {
        Failures = 0;
        _next = _first;
    }
}
