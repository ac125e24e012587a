namespace EdgeWatch.Worker.Tracking;

/// <summary>What happened to a tracked object.</summary>
public enum TrackEventKind
{
    /// <summary>Matched in enough frames to be believed: it is in view.</summary>
    New,

    /// <summary>Still in view, with a better score than last reported.</summary>
    Update,

    /// <summary>Not matched for more frames than allowed (or the daemon stops): it has gone.</summary>
    End,
}
