using System.Diagnostics;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Hosting;

namespace EdgeWatch.Worker.Systemd;

/// <summary>
/// Decides whether the pipeline makes progress, which is what the systemd watchdog pings stand for. Progress is a result
/// published within <see cref="Window"/>, counted from the later of the last result and the last moment the pipeline
/// was idle by design (so a camera coming back after an hour away is not taken for a hang).
/// </summary>
public sealed class PipelineLiveness
{
    private readonly DetectionPipeline _pipeline;
    private readonly PipelineProgress _progress;
    private long _busySince;

    public PipelineLiveness(DetectionPipeline pipeline, PipelineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        _progress = progress;
        Window = WindowFor(pipeline.Settings);
        _busySince = Stopwatch.GetTimestamp();
    }

    /// <summary>The longest a working pipeline may go without a result.</summary>
    public TimeSpan Window { get; }

    /// <summary>How long the pipeline had work and published nothing, as of the last <see cref="Check"/>.</summary>
    public TimeSpan Quiet { get; private set; }

    /// <summary>
    /// The longest legitimate gap between two results while a camera streams: a camera may go its StallTimeout without
    /// a frame before its reader restarts it (and it turns idle), a frame may run into one inference deadline and be
    /// retried on a rebuilt worker within another, and a camera limited by DetectFps waits its interval. With the
    /// defaults: 10 s + 2 × 2 s = 14 s; a hung pipeline is restarted within that plus WatchdogSec.
    /// </summary>
    public static TimeSpan WindowFor(DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stall = settings.Cameras.Values.Select(c => c.StallTimeout).DefaultIfEmpty(TimeSpan.Zero).Max();
        var interval = settings.Cameras.Values.Where(c => c.DetectFps > 0).Select(c => TimeSpan.FromSeconds(1 / c.DetectFps))
            .DefaultIfEmpty(TimeSpan.Zero).Max();
        return stall + (2 * settings.Inference.InferenceTimeout) + interval;
    }

    /// <summary>Looks at the pipeline now. Called from one thread (the systemd service's loop).</summary>
    public PipelineActivity Check()
    {
        var now = Stopwatch.GetTimestamp();
        if (IsIdleByDesign())
        {
            _busySince = now;
            Quiet = TimeSpan.Zero;
            return PipelineActivity.IdleByDesign;
        }

        var sinceBusy = Stopwatch.GetElapsedTime(_busySince, now);
        Quiet = _progress.SinceLastResult is { } sinceResult && sinceResult < sinceBusy ? sinceResult : sinceBusy;
        return Quiet <= Window ? PipelineActivity.Progressing : PipelineActivity.Stalled;
    }

    private bool IsIdleByDesign()
    {
        // Frames come (or are about to) only from a starting or streaming camera; reconnecting, failed and finished
        // ones wait on the outside world, and their readers retry by themselves.
        if (!_pipeline.Cameras.Any(c => c.Status.State is CameraState.Starting or CameraState.Streaming))
        {
            return true;
        }

        // No worker and the CPU not wanted: waiting for a stick to be plugged in. A retired CPU worker waiting for its
        // rebuild does not count: the CPU is still wanted, so a worker that hangs again and again is a stall.
        return _pipeline.Pool.Count == 0 && !_pipeline.Cpu.Wanted;
    }
}
