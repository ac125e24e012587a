using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Scheduling;

namespace EdgeWatch.Worker.Snapshots;

/// <summary>
/// One frame waiting for the snapshot thread: a reference on the frame (the result that carried it is recycled once
/// published) and a copy of its detections. Reused: each camera keeps a few.
/// </summary>
internal sealed class SnapshotJob
{
    public Frame? Frame { get; private set; }

    public DetectionList Detections { get; } = new(16);

    public LabelSet Labels { get; private set; } = null!;

    public long Number { get; private set; }

    public DateTime Timestamp { get; private set; }

    /// <summary>Takes a reference on the result's frame and copies what drawing needs.</summary>
    public void Fill(DetectionResult result)
    {
        Frame = result.Frame.AddReference();
        Detections.CopyFrom(result.Detections);
        Labels = result.Model.Labels;
        Number = result.FrameNumber;
        Timestamp = result.Timestamp;
    }

    /// <summary>Gives the frame back (idempotent): as soon as its pixels are copied, or when the job is dropped.</summary>
    public void ReleaseFrame()
    {
        Frame?.Release();
        Frame = null;
    }
}
