namespace EdgeWatch.Pipeline.Scheduling;

/// <summary>Real-time rules of the frame scheduler (section <c>Scheduler</c>).</summary>
public sealed class SchedulerOptions
{
    /// <summary>A frame not handed to a worker within this age is dropped: detection never falls behind the camera.</summary>
    public TimeSpan MaxFrameAge { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long later results wait for an earlier one before it is given up (published in frame order means a lost result
    /// would otherwise stall the camera).
    /// </summary>
    public TimeSpan ReorderTimeout { get; set; } = TimeSpan.FromSeconds(2.5);
}
