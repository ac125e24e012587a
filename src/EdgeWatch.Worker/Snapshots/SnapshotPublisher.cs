using System.Buffers;
using System.Globalization;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Hosting;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Publishing;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Snapshots;

/// <summary>
/// Publishes each camera's latest frame with detections, boxes and labels drawn, as a JPEG on
/// <c>&lt;p&gt;/&lt;camera&gt;/snapshot</c> (retained), at most once per <see cref="SnapshotOptions.Interval"/>. The JPEG
/// carries a comment <c>EdgeWatch camera=… frame=… time=…</c> naming the frame it shows.
/// </summary>
/// <remarks>
/// Workers only hand a frame over (a reference and a copy of its detections) into a one-slot mailbox per camera, where a
/// newer frame replaces one not yet taken (latest wins, counted as <see cref="Replaced"/>). A dedicated thread copies the
/// pixels (releasing the frame at once), draws, and has a long-lived ffmpeg per frame size encode the JPEG; if ffmpeg
/// fails it is restarted after a backoff (1 s doubling to 60 s), and the workers never wait for any of it.
/// Size against the outbox bound (Mqtt:QueueLimit:Bytes): a snapshot is published only while connected, QoS 0; the
/// latest is kept here and published again on every reconnection, so snapshots never sit in the outbox crowding out
/// counts and events (a retained state also replaces an older one of its topic there, should one slip in at a disconnect).
/// </remarks>
public sealed partial class SnapshotPublisher : IDetectionSink, IRetainedStateSource, IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly MqttConnection _connection;
    private readonly SnapshotOptions _options;
    private readonly string _ffmpeg;
    private readonly ILogger _logger;
    private readonly Dictionary<string, CameraSnapshots> _cameras = new(StringComparer.Ordinal);
    private readonly long _intervalTicks;
    private readonly AutoResetEvent _wake = new(false);
    private readonly ManualResetEventSlim _stopSignal = new(false);
    private readonly Dictionary<(int Width, int Height), JpegEncoderProcess> _encoders = [];
    private readonly ArrayBufferWriter<byte> _jpeg = new(256 * 1024);
    private readonly RetryBackoff _backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    private readonly Thread? _thread;
    private byte[] _canvas = [];
    private JpegEncoderProcess? _busy; // the encoder in use, for Stop to abort
    private volatile bool _stopping;
    private volatile string? _lastError;
    private long _encoded;
    private long _replaced;
    private long _failures;
    private int _stopped;

    public SnapshotPublisher(MqttConnection connection, DaemonSettings settings, ILogger<SnapshotPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _connection = connection;
        _options = settings.Snapshots;
        _ffmpeg = settings.Node.Ffmpeg;
        _logger = logger;
        _intervalTicks = (long)(_options.Interval.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        foreach (var camera in settings.Cameras.Keys)
        {
            _cameras[camera] = new CameraSnapshots(camera, SnapshotTopic(settings, camera));
        }

        if (_options.Enabled && _cameras.Count > 0)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "snapshots" };
            _thread.Start();
        }
    }

    /// <summary>Snapshots published (or kept for the next connection).</summary>
    public long Encoded => Interlocked.Read(ref _encoded);

    /// <summary>Frames replaced in their mailbox by a newer one before the thread took them.</summary>
    public long Replaced => Interlocked.Read(ref _replaced);

    /// <summary>Encodings that failed (each restarts the encoder after a backoff).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public string? LastError => _lastError;

    /// <summary>A camera's snapshot topic: <c>&lt;p&gt;/&lt;camera&gt;/snapshot</c>.</summary>
    public static string SnapshotTopic(DaemonSettings settings, string camera) =>
        $"{(settings ?? throw new ArgumentNullException(nameof(settings))).TopicRoot}/{camera}/snapshot";

    public void Publish(DetectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_thread is null || _stopping || result.Detections.Count == 0 || !_cameras.TryGetValue(result.Camera, out var camera))
        {
            return;
        }

        // The frame's own clock (stamped when read, or when a recording's frame was handed over), not the clock now.
        var at = result.Frame.CapturedAt;
        if (camera.HandedOver && at - camera.LastHandOver < _intervalTicks)
        {
            return;
        }

        camera.HandedOver = true;
        camera.LastHandOver = at;
        SnapshotJob job;
        lock (camera)
        {
            job = camera.Spares.Count > 0 ? camera.Spares.Pop() : new SnapshotJob();
        }

        job.Fill(result);
        SnapshotJob? replaced;
        lock (camera)
        {
            replaced = camera.Pending;
            camera.Pending = job;
        }

        if (replaced is not null)
        {
            Interlocked.Increment(ref _replaced);
            Recycle(camera, replaced);
        }

        if (_stopping)
        {
            DropPending(camera); // the thread is gone or going: nobody else will release this frame
            return;
        }

        try
        {
            _wake.Set();
        }
        catch (ObjectDisposedException)
        {
            DropPending(camera); // disposed between the check and here
        }
    }

    public void PublishRetainedStates()
    {
        foreach (var camera in _cameras.Values)
        {
            lock (camera)
            {
                if (camera.Latest is { } latest)
                {
                    PublishLocked(camera, latest);
                }
            }
        }
    }

    /// <summary>Stops the snapshot thread and its encoders; frames still waiting are released. Idempotent.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _stopping = true;
        _stopSignal.Set();
        _wake.Set();
        Interlocked.MemoryBarrier();
        Volatile.Read(ref _busy)?.Abort(); // a hung encoding must not hold up the daemon's stop
        var stopped = _thread is null || _thread.Join(StopTimeout);
        if (!stopped)
        {
            Log.ThreadStuck(_logger);
        }

        foreach (var camera in _cameras.Values)
        {
            DropPending(camera);
        }

        if (stopped)
        {
            DisposeEncoders(); // the thread's own; a stuck thread keeps them (its encoding was aborted above)
        }
    }

    public void Dispose()
    {
        Stop();
        if (_thread is null || !_thread.IsAlive)
        {
            _wake.Dispose();
            _stopSignal.Dispose();
        }
    }

    private void Run()
    {
        while (!_stopping)
        {
            _wake.WaitOne();
            foreach (var camera in _cameras.Values)
            {
                if (_stopping)
                {
                    break;
                }

                SnapshotJob? job;
                lock (camera)
                {
                    job = camera.Pending;
                    camera.Pending = null;
                }

                if (job is not null)
                {
                    Handle(camera, job);
                }
            }
        }
    }

    private void Handle(CameraSnapshots camera, SnapshotJob job)
    {
        try
        {
            Encode(camera, job);
            _backoff.Reset();
        }
        catch (SnapshotEncoderException) when (_stopping)
        {
            // aborted by Stop
        }
        catch (SnapshotEncoderException e)
        {
            Interlocked.Increment(ref _failures);
            _lastError = e.Message;
            DisposeEncoders();
            var delay = _backoff.Next();
            Log.EncoderFailed(_logger, camera.Name, e.Message, delay.TotalSeconds);
            _stopSignal.Wait(delay);
        }
#pragma warning disable CA1031 // The snapshot thread must outlive any bug in drawing or publishing; it logs and goes on.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            _lastError = e.Message;
            Log.SnapshotFailed(_logger, camera.Name, e);
        }
        finally
        {
            Recycle(camera, job);
        }
    }

    private void Encode(CameraSnapshots camera, SnapshotJob job)
    {
        var frame = job.Frame!;
        var (width, height) = (frame.Width, frame.Height);
        var size = width * height * 3;
        if (_canvas.Length < size)
        {
            _canvas = new byte[size];
        }

        var canvas = _canvas.AsSpan(0, size);
        frame.CopyAsBgr(canvas); // converted from I420 when the camera delivers that
        job.ReleaseFrame(); // drawn on a copy: the frame goes back to its pool now
        FrameAnnotator.Annotate(canvas, width, height, job.Detections.AsReadOnlySpan(), job.Labels);

        if (!_encoders.TryGetValue((width, height), out var encoder))
        {
            encoder = JpegEncoderProcess.Start(_ffmpeg, width, height, _options.Quality, _logger);
            _encoders[(width, height)] = encoder;
            Log.EncoderStarted(_logger, encoder.ProcessId, width, height, _options.Quality);
        }

        int length;
        Interlocked.Exchange(ref _busy, encoder); // a full fence: Stop sees it, or this sees _stopping
        try
        {
            if (_stopping)
            {
                return;
            }

            length = encoder.Encode(canvas, _jpeg, _options.EncodeTimeout);
        }
        finally
        {
            Volatile.Write(ref _busy, null);
        }

        var comment = string.Create(CultureInfo.InvariantCulture, $"EdgeWatch camera={camera.Name} frame={job.Number} time={job.Timestamp:O}");
        var payload = JpegMarkers.WithComment(_jpeg.WrittenSpan[..length], comment);
        lock (camera)
        {
            camera.Latest = payload;
            if (_connection.IsConnected)
            {
                PublishLocked(camera, payload);
            }
        }

        Interlocked.Increment(ref _encoded);
    }

    private void PublishLocked(CameraSnapshots camera, byte[] payload)
    {
        try
        {
            _connection.Publish(camera.Topic, payload, qos: 0, retain: true, MessageClass.State);
        }
        catch (MqttException e)
        {
            Log.PublishFailed(_logger, camera.Topic, e.Message);
        }
        catch (ObjectDisposedException) when (_stopping)
        {
            // shutting down: the connection went first
        }
    }

    private static void Recycle(CameraSnapshots camera, SnapshotJob job)
    {
        job.ReleaseFrame();
        lock (camera)
        {
            if (camera.Spares.Count < 2)
            {
                camera.Spares.Push(job);
            }
        }
    }

    private static void DropPending(CameraSnapshots camera)
    {
        SnapshotJob? job;
        lock (camera)
        {
            job = camera.Pending;
            camera.Pending = null;
        }

        if (job is not null)
        {
            Recycle(camera, job);
        }
    }

    private void DisposeEncoders()
    {
        foreach (var encoder in _encoders.Values)
        {
            encoder.Dispose();
        }

        _encoders.Clear();
    }

    private sealed class CameraSnapshots(string name, string topic)
    {
        public string Name { get; } = name;

        public string Topic { get; } = topic;

        /// <summary>The frame waiting for the snapshot thread (under the lock).</summary>
        public SnapshotJob? Pending { get; set; }

        public Stack<SnapshotJob> Spares { get; } = new();

        /// <summary>The last JPEG (with its comment), re-published on reconnection (under the lock).</summary>
        public byte[]? Latest { get; set; }

        // Touched only by the camera's results, which never overlap.
        public bool HandedOver { get; set; }

        public long LastHandOver { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Snapshots: JPEG encoder started (pid {Pid}) for {Width}x{Height} frames at quality {Quality}")]
        public static partial void EncoderStarted(ILogger logger, int pid, int width, int height, int quality);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of camera {Camera} failed: {Reason}; restarting the encoder in {Seconds} s")]
        public static partial void EncoderFailed(ILogger logger, string camera, string reason, double seconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot of camera {Camera} failed")]
        public static partial void SnapshotFailed(ILogger logger, string camera, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot on {Topic} was not published: {Reason}")]
        public static partial void PublishFailed(ILogger logger, string topic, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshots: the thread did not stop in time")]
        public static partial void ThreadStuck(ILogger logger);
    }
}
