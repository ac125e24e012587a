using EdgeWatch.Pipeline.Detections;

namespace EdgeWatch.Worker.Tracking;

/// <summary>One object the tracker follows: where it was last matched, how it moves, and what has been reported of it.</summary>
internal sealed class TrackedObject
{
    public required string Id { get; init; }

    public required int Label { get; init; }

    public required string LabelName { get; init; }

    public BoundingBox Box { get; set; }

    /// <summary>The box centre's movement per frame (smoothed), to predict where a briefly lost object is.</summary>
    public float VelocityX { get; set; }

    public float VelocityY { get; set; }

    public float Score { get; set; }

    public float TopScore { get; set; }

    public DateTime FirstSeen { get; init; }

    public DateTime LastSeen { get; set; }

    public long FirstFrame { get; init; }

    public long LastFrame { get; set; }

    /// <summary>Frames it was matched in.</summary>
    public int Hits { get; set; }

    /// <summary>Processed frames in a row it was not matched in.</summary>
    public int Misses { get; set; }

    /// <summary>True once its <c>new</c> event went out.</summary>
    public bool Confirmed { get; set; }

    /// <summary>The best score the last event reported, and that event's frame.</summary>
    public float ReportedTopScore { get; set; }

    public long ReportedFrame { get; set; }

    /// <summary>Where the box should be in frame <paramref name="frame"/>, moving on at its velocity.</summary>
    public BoundingBox PredictedAt(long frame)
    {
        var steps = Math.Min(frame - LastFrame, 30); // never extrapolate far: the motion model is crude
        var dx = VelocityX * steps;
        var dy = VelocityY * steps;
        return new BoundingBox(Box.X1 + dx, Box.Y1 + dy, Box.X2 + dx, Box.Y2 + dy);
    }

    public TrackEvent ToEvent(TrackEventKind kind) =>
        new(kind, Id, LabelName, Score, TopScore, Box, FirstSeen, LastSeen, FirstFrame, LastFrame, Hits);
}
