namespace EdgeWatch.Worker.Health;

/// <summary>The health report (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>How often <c>&lt;prefix&gt;/&lt;node&gt;/health</c> is published (retained).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);
}
