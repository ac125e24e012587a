namespace EdgeWatch.Pipeline.Cameras;

/// <summary>Where a camera stands, as health reports it.</summary>
public enum CameraState
{
    /// <summary>ffmpeg is starting; no frame yet.</summary>
    Starting,

    /// <summary>Frames are arriving.</summary>
    Streaming,

    /// <summary>It was streaming, then stopped; restarting after a backoff.</summary>
    Reconnecting,

    /// <summary>The last attempt produced no frame (absent device, wrong URL); retrying after a backoff.</summary>
    Failed,

    /// <summary>A file that is not looped has ended.</summary>
    Finished,

    /// <summary>The daemon is shutting down.</summary>
    Stopped,
}
