namespace EdgeWatch.Worker.Sticks;

/// <summary>The worker pool at a glance, for health and Home Assistant.</summary>
public enum PoolState
{
    /// <summary>Serving as configured.</summary>
    Ok,

    /// <summary>Serving, but not as configured: the CPU stands in for sticks, or a stick is failing.</summary>
    Degraded,

    /// <summary>Nothing can run inference.</summary>
    NoWorkers,
}
