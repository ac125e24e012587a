namespace EdgeWatch.Worker.Sticks;

/// <summary>How NCS2 sticks are brought into the pool (section <c>Sticks</c>).</summary>
public sealed class SticksOptions
{
    /// <summary>Use sticks at all (off: sticks are listed, never used).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between two stick boots: several sticks booting at once fail intermittently.</summary>
    public TimeSpan BootStagger { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Failures in a row (boot, compile, inference) after which a stick is quarantined until it is re-plugged.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>Requests in flight per stick; 0 = the compiled model's OPTIMAL_NUMBER_OF_INFER_REQUESTS.</summary>
    public int Requests { get; set; }

    /// <summary>Longest wait before retrying a failed stick (the wait doubles from 1 s up to this).</summary>
    public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromSeconds(60);
}
