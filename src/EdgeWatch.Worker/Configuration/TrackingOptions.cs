namespace EdgeWatch.Worker.Configuration;

/// <summary>
/// Object tracking and counting (section <c>Tracking</c>). Every count here is in processed frames (detection results of
/// one camera), never in wall-clock time, so a recording analysed unpaced behaves as it would live.
/// </summary>
public sealed class TrackingOptions
{
    /// <summary>Frames a new object must be matched in before its <c>new</c> event (filters one-frame false positives).</summary>
    public int MinHits { get; set; } = 3;

    /// <summary>
    /// Frames a tracked object may go unmatched before its <c>end</c> event: bridges the frame or two a detector loses a
    /// person for, and a short occlusion.
    /// </summary>
    public int MaxMisses { get; set; } = 10;

    /// <summary>Least overlap (intersection over union) between a detection and an object's predicted box to match them.</summary>
    public double IoU { get; set; } = 0.25;

    /// <summary>Frames a changed count must persist before it is published (a count flickering for a frame is not news).</summary>
    public int CountDebounceFrames { get; set; } = 3;

    /// <summary>
    /// Frames between two <c>update</c> events of one object at least; an update is sent only when its best score rose.
    /// </summary>
    public int UpdateIntervalFrames { get; set; } = 25;

    /// <summary>
    /// The labels counted, tracked (and given Home Assistant entities) on a camera whose <c>Labels</c> setting is empty, as
    /// far as its model knows them; unset means <see cref="BuiltInDefaultLabels"/>. Home Assistant needs a fixed list of
    /// entities, so counting every label that happens to be seen is not offered.
    /// </summary>
    public IList<string> DefaultLabels { get; init; } = [];

    /// <summary>person, car, dog, cat.</summary>
    public static IReadOnlyList<string> BuiltInDefaultLabels { get; } = ["person", "car", "dog", "cat"];

    /// <summary>The default labels in use (a configured list replaces the built-in one rather than adding to it).</summary>
    public IReadOnlyList<string> EffectiveDefaultLabels => DefaultLabels.Count > 0 ? [.. DefaultLabels] : BuiltInDefaultLabels;
}
