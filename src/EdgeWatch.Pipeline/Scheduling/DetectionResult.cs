using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Scheduling;

/// <summary>
/// One frame's trip through the pipeline: created when the scheduler hands the frame to a worker, filled in by the
/// worker, then published in frame order. Pooled per camera; a sink that wants anything after <c>Publish</c> returns
/// copies it (or takes a reference on <see cref="Frame"/>).
/// </summary>
public sealed class DetectionResult
{
    internal DetectionResult(CameraLane lane)
    {
        Lane = lane;
    }

    /// <summary>The camera's name.</summary>
    public string Camera => Lane.Name;

    /// <summary>The frame (referenced by this result until it is published).</summary>
    public Frame Frame { get; internal set; } = null!;

    public long FrameNumber => Frame.Number;

    public DateTime Timestamp => Frame.Timestamp;

    public int Width => Frame.Width;

    public int Height => Frame.Height;

    public ModelDefinition Model => Lane.Model;

    /// <summary>The device that ran the inference ("cpu", "MYRIAD.1.3-ma2480").</summary>
    public string Device { get; internal set; } = string.Empty;

    public double InferenceMilliseconds { get; internal set; }

    /// <summary>The detections, in frame pixels, after the camera's label filter and threshold.</summary>
    public DetectionList Detections { get; } = new();

    /// <summary>Monotonic ticks when the result was completed by its worker.</summary>
    public long CompletedAt { get; internal set; }

    internal CameraLane Lane { get; }

    /// <summary>Order of dispatch within the camera: what results are re-ordered by.</summary>
    internal long Sequence { get; set; }

    /// <summary>Monotonic ticks when the scheduler handed the frame to a worker (latest hand-over, if re-queued).</summary>
    public long DispatchedAt { get; internal set; }

    /// <summary>Marks a result that will never be published (dropped frame), so the re-order buffer does not wait for it.</summary>
    internal bool IsTombstone { get; set; }
}
