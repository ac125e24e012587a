using EdgeWatch.Pipeline.Frames;

namespace EdgeWatch.Pipeline.Cameras;

/// <summary>What reading from a camera gave.</summary>
public enum FrameReadOutcome
{
    Frame,
    Dropped,
    EndOfStream,
}

/// <summary>The result of one read: a frame (with one reference, for the caller), a dropped frame, or the end.</summary>
public readonly record struct FrameRead(Frame? Frame, FrameReadOutcome Outcome)
{
    public static FrameRead Dropped => new(null, FrameReadOutcome.Dropped);

    public static FrameRead EndOfStream => new(null, FrameReadOutcome.EndOfStream);
}
