using EdgeWatch.Pipeline.Detections;

namespace EdgeWatch.Worker.Tracking;

/// <summary>One event of one tracked object, with the object's state at that moment.</summary>
/// <param name="Kind">New, update or end.</param>
/// <param name="Id">The object's id, unique per camera across restarts (its first frame's time and a counter).</param>
/// <param name="Label">The label's name.</param>
/// <param name="Score">The score of its latest match.</param>
/// <param name="TopScore">Its best score so far.</param>
/// <param name="Box">Its box in its latest match, in frame pixels.</param>
/// <param name="FirstSeen">The time of the frame it was first matched in.</param>
/// <param name="LastSeen">The time of the frame it was last matched in.</param>
/// <param name="FirstFrame">The number of the frame it was first matched in.</param>
/// <param name="LastFrame">The number of the frame it was last matched in.</param>
/// <param name="Frames">How many frames it was matched in.</param>
public readonly record struct TrackEvent(
    TrackEventKind Kind,
    string Id,
    string Label,
    float Score,
    float TopScore,
    BoundingBox Box,
    DateTime FirstSeen,
    DateTime LastSeen,
    long FirstFrame,
    long LastFrame,
    int Frames);
