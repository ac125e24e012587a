using System.Diagnostics;
using EdgeWatch.Pipeline.Telemetry;

namespace EdgeWatch.Pipeline.Cameras;

/// <summary>A camera's live figures for health: state, last error, rates, restarts. Updated by its reader.</summary>
public sealed class CameraStatus
{
    private long _lastFrameAt;

    public CameraStatus(string name, string source)
    {
        Name = name;
        Source = source;
    }

    public string Name { get; }

    /// <summary>The source as shown to people (passwords hidden).</summary>
    public string Source { get; }

    public CameraState State { get; internal set; } = CameraState.Starting;

    /// <summary>Why the camera last failed, in ffmpeg's words where possible.</summary>
    public string? LastError { get; internal set; }

    /// <summary>Times ffmpeg was restarted.</summary>
    public long Restarts { get; internal set; }

    /// <summary>Frame size currently delivered.</summary>
    public (int Width, int Height) Size { get; internal set; }

    /// <summary>The running ffmpeg's process id, 0 when none.</summary>
    public int ProcessId { get; internal set; }

    /// <summary>Frames read from the camera.</summary>
    public RateMeter Frames { get; } = new();

    /// <summary>Frames detected on and published.</summary>
    public RateMeter Detected { get; } = new();

    /// <summary>Frames never detected on (superseded by a newer one, too old, no buffer, lost with a device).</summary>
    public RateMeter Dropped { get; } = new();

    /// <summary>How long ago the last frame arrived; null before the first.</summary>
    public TimeSpan? LastFrameAge => Interlocked.Read(ref _lastFrameAt) is var at and > 0 ? Stopwatch.GetElapsedTime(at) : null;

    internal void FrameArrived() => Interlocked.Exchange(ref _lastFrameAt, Stopwatch.GetTimestamp());
}
