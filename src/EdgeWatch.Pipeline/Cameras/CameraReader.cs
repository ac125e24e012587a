using EdgeWatch.Pipeline.Frames;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Pipeline.Cameras;

/// <summary>
/// Keeps one camera's frames flowing for the daemon's lifetime: runs ffmpeg, hands every frame to the scheduler, and when
/// ffmpeg exits or stalls, restarts it after an exponential backoff (1 s, 2 s, … 60 s, reset once frames flow again).
/// </summary>
public sealed partial class CameraReader
{
    private readonly CameraSource _source;
    private readonly Action<Frame> _deliver;
    private readonly Func<CancellationToken, bool>? _demand;
    private readonly ILogger _logger;
    private readonly string _ffmpeg;
    private readonly FramePool _pool;
    private long _frameNumber;

    /// <param name="deliver">Receives each frame with one reference, which it owns from then on.</param>
    /// <param name="demand">
    /// For recordings analysed as fast as detection goes (files with Realtime off): blocks until there is room for the next
    /// frame (false when stopping), so ffmpeg decodes only frames that will be detected on. Null for live sources.
    /// </param>
    public CameraReader(CameraSource source, FramePool pool, Action<Frame> deliver, ILogger logger, string ffmpeg = "ffmpeg",
        Func<CancellationToken, bool>? demand = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _pool = pool;
        _deliver = deliver;
        _demand = demand;
        _logger = logger;
        _ffmpeg = ffmpeg;
        Status = new CameraStatus(source.Camera, source.Describe());
    }

    public CameraStatus Status { get; }

    /// <summary>First and longest wait between restarts.</summary>
    public TimeSpan MinimumBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaximumBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reads until <paramref name="stopping"/> fires, on a dedicated thread (reads block, and a camera deserves its own
    /// thread rather than a pool thread); never throws for camera trouble.
    /// </summary>
    public Task RunAsync(CancellationToken stopping)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stopping);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = $"camera-{_source.Camera}",
        };
        thread.Start();
        return done.Task;
    }

    private void Run(CancellationToken stopping)
    {
        var backoff = MinimumBackoff;
        while (!stopping.IsCancellationRequested)
        {
            var delivered = false;
            FfmpegFrameSource? ffmpeg = null;
            try
            {
                ffmpeg = FfmpegFrameSource.Start(_source, _pool, _logger, _ffmpeg);
                using var interrupt = stopping.Register(static state => ((FfmpegFrameSource)state!).Interrupt(), ffmpeg);
                Status.ProcessId = ffmpeg.ProcessId;
                Log.Started(_logger, _source.Camera, Status.Source, ffmpeg.ProcessId);
                while (true)
                {
                    var read = ffmpeg.Read(_frameNumber + 1, _source.Options.StallTimeout, stopping);
                    if (read.Outcome == FrameReadOutcome.EndOfStream)
                    {
                        break;
                    }

                    _frameNumber++;
                    Status.Frames.Mark();
                    Status.FrameArrived();
                    if (read.Frame is not { } frame)
                    {
                        Status.Dropped.Mark();
                        continue;
                    }

                    if (!delivered)
                    {
                        delivered = true;
                        backoff = MinimumBackoff;
                        Status.State = CameraState.Streaming;
                        Status.Size = (frame.Width, frame.Height);
                        Log.Streaming(_logger, _source.Camera, frame.Width, frame.Height);
                    }

                    if (_demand is not null)
                    {
                        // A recording is read a frame ahead (ffmpeg decodes while the workers infer) and parked where the next
                        // free worker finds it; it is stamped when taken, as a live frame is stamped when it arrives.
                        if (!_demand(stopping))
                        {
                            frame.Release();
                            break;
                        }

                        frame.StampWhenTaken = true;
                    }

                    _deliver(frame);
                }

                if (stopping.IsCancellationRequested)
                {
                    break;
                }

                if (_source.Kind == CameraSourceKind.File && !_source.Options.Loop)
                {
                    Status.State = CameraState.Finished;
                    Log.Finished(_logger, _source.Camera);
                    return;
                }

                throw new CameraException("ffmpeg ended the stream");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (CameraException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (CameraException e)
            {
                Status.LastError = e.Message;
                Status.State = delivered ? CameraState.Reconnecting : CameraState.Failed;
                Log.Lost(_logger, _source.Camera, e.Message, backoff.TotalSeconds);
            }
            finally
            {
                ffmpeg?.Dispose();
                Status.ProcessId = 0;
            }

            if (stopping.WaitHandle.WaitOne(backoff))
            {
                break;
            }

            Status.Restarts++;
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaximumBackoff.Ticks));
        }

        Status.ProcessId = 0;
        Status.State = CameraState.Stopped;
        Log.Stopped(_logger, _source.Camera);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: started ffmpeg (pid {Pid}) on {Source}")]
        public static partial void Started(ILogger logger, string camera, string source, int pid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: streaming {Width}x{Height}")]
        public static partial void Streaming(ILogger logger, string camera, int width, int height);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: {Reason}; retrying in {Seconds} s")]
        public static partial void Lost(ILogger logger, string camera, string reason, double seconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: the file has ended")]
        public static partial void Finished(ILogger logger, string camera);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Camera {Camera}: stopped")]
        public static partial void Stopped(ILogger logger, string camera);
    }
}
