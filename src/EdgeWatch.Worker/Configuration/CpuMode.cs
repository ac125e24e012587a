namespace EdgeWatch.Worker.Configuration;

/// <summary>When the CPU runs inference.</summary>
public enum CpuMode
{
    /// <summary>Always, beside any sticks.</summary>
    Always,

    /// <summary>Only while no stick serves (the pool is then "degraded").</summary>
    Fallback,

    /// <summary>Never: sticks only.</summary>
    Never,
}
