using System.Diagnostics;
using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Pipeline.Scheduling;

/// <summary>
/// One device's worker: its engines (one per model in use) and K request slots, each a dedicated thread that takes a
/// frame from the scheduler, runs it, and completes it. A device error or a request past its deadline retires the whole
/// worker: its frames go back to the scheduler (if still fresh) and <see cref="Failed"/> tells the pool.
/// </summary>
public sealed partial class InferenceWorker : IDisposable
{
    private const int ConsecutiveErrorsBeforeFailing = 3;
    private static readonly TimeSpan TakeWait = TimeSpan.FromMilliseconds(200);

    private readonly FrameScheduler _scheduler;
    private readonly IReadOnlyList<IInferenceEngine> _engines;
    private readonly HashSet<ModelDefinition> _models;
    private readonly Slot[] _slots;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private volatile bool _stopping;
    private int _failed;
    private int _consecutiveErrors;

    /// <param name="id">Names the worker in logs and health ("cpu-1", "MYRIAD.1.3-ma2480").</param>
    /// <param name="kind">"cpu", "ncs2", "openvino", "sim".</param>
    /// <param name="engines">One engine per model this worker serves; the worker owns and disposes them.</param>
    /// <param name="filters">The detection filter for each model.</param>
    /// <param name="requests">Request slots (threads); 0 = the engines' own recommendation.</param>
    /// <param name="inferenceTimeout">A request running longer than this retires the worker.</param>
    public InferenceWorker(
        string id,
        string kind,
        IReadOnlyList<IInferenceEngine> engines,
        Func<ModelDefinition, DetectionFilter> filters,
        FrameScheduler scheduler,
        int requests,
        TimeSpan inferenceTimeout,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(engines);
        ArgumentNullException.ThrowIfNull(filters);
        if (engines.Count == 0)
        {
            throw new ArgumentException("A worker needs at least one engine.", nameof(engines));
        }

        Id = id;
        Kind = kind;
        _engines = engines;
        _scheduler = scheduler;
        _logger = logger;
        _timeout = inferenceTimeout;
        _models = [.. engines.Select(e => e.Model)];
        Requests = requests > 0 ? requests : engines.Min(e => e.MaxRequests);
        _slots = new Slot[Requests];
        try
        {
            for (var k = 0; k < Requests; k++)
            {
                _slots[k] = new Slot(engines.ToDictionary(e => e.Model, e => new DetectionPass(e, filters(e.Model))));
            }
        }
        catch
        {
            foreach (var slot in _slots.Where(s => s is not null))
            {
                slot.Dispose();
            }

            throw;
        }

        Device = engines[0].Device;
    }

    public string Id { get; }

    public string Kind { get; }

    /// <summary>The device the engines run on, as messages name it.</summary>
    public string Device { get; }

    /// <summary>Requests kept in flight (K).</summary>
    public int Requests { get; }

    public WorkerStatus Status { get; } = new();

    /// <summary>The engines, for device queries such as temperature.</summary>
    public IReadOnlyList<IInferenceEngine> Engines => _engines;

    /// <summary>Whether the worker is stopping or has failed.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Raised once, on the thread that saw it, when a device error or a deadline retires this worker.</summary>
    public event Action<InferenceWorker, Exception>? Failed;

    public void Start()
    {
        for (var k = 0; k < _slots.Length; k++)
        {
            var slot = _slots[k];
            slot.Thread = new Thread(() => Loop(slot)) { IsBackground = true, Name = $"{Id}#{k}" };
            slot.Thread.Start();
        }
    }

    /// <summary>Asks every slot to finish its current frame and stop.</summary>
    public void Stop()
    {
        _stopping = true;
        _scheduler.WakeAll();
    }

    /// <summary>Waits for the slot threads to end; false if one is stuck (in a native call that never returns).</summary>
    public bool Join(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        foreach (var slot in _slots)
        {
            var left = TimeSpan.FromSeconds(Math.Max(0, (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
            if (slot.Thread is { } thread && !thread.Join(left))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The pool's watchdog: a request running past the deadline is taken back (re-queued if fresh), aborted, and the
    /// worker fails. Our own deadline, not the runtime's: some runtimes never report a hang.
    /// </summary>
    public void CheckDeadlines(long now)
    {
        foreach (var slot in _slots)
        {
            if (Volatile.Read(ref slot.Current) is { } job
                && Stopwatch.GetElapsedTime(Volatile.Read(ref slot.BusySince), now) > _timeout
                && Interlocked.CompareExchange(ref slot.Current, null, job) == job)
            {
                // Stop first: the aborted slot must not pick the frame straight back up.
                _stopping = true;
                _scheduler.GiveBack(job);

                // The deadline is the reason, not whatever the aborted request then throws: fail first, then abort.
                Fail(new InferenceTimeoutException($"{Id}: an inference took longer than {_timeout.TotalSeconds:0.#} s"));
                slot.AbortAll();
            }
        }
    }

    /// <summary>Disposes the engines, unless a slot is still stuck in one (then they are left for the process to reclaim).</summary>
    public void Dispose()
    {
        Stop();
        if (!Join(TimeSpan.FromSeconds(2)))
        {
            Log.Abandoned(_logger, Id);
            return;
        }

        foreach (var slot in _slots)
        {
            slot.Dispose();
        }

        foreach (var engine in _engines)
        {
            engine.Dispose();
        }
    }

    private void Loop(Slot slot)
    {
        while (!_stopping)
        {
            var job = _scheduler.TryTake(_models, TakeWait);
            if (job is null)
            {
                continue;
            }

            if (_stopping)
            {
                _scheduler.GiveBack(job);
                break;
            }

            Volatile.Write(ref slot.BusySince, Stopwatch.GetTimestamp());
            Volatile.Write(ref slot.Current, job);
            Status.Began();
            try
            {
                var pass = slot.Passes[job.Model];
                var transform = pass.Prepare(job.Frame.View);
                pass.Infer(_timeout);
                pass.Decode(transform, slot.Scratch);

                // Only the thread that takes the job back out of the slot may complete it: the watchdog may have already.
                if (Interlocked.Exchange(ref slot.Current, null) is { } mine)
                {
                    var milliseconds = pass.LastTimings.Inference.TotalMilliseconds;
                    mine.Detections.CopyFrom(slot.Scratch);
                    mine.Device = Device;
                    mine.InferenceMilliseconds = milliseconds;
                    Status.Succeeded(milliseconds);
                    _consecutiveErrors = 0;
                    _scheduler.Complete(mine);
                }
            }
            catch (Exception e) when (e is IOException)
            {
                // The device failed (unplugged stick, hung request): this worker is done; its frame may go elsewhere.
                Status.Failed();
                if (Interlocked.Exchange(ref slot.Current, null) is { } mine)
                {
                    _scheduler.GiveBack(mine);
                }

                Fail(e);
            }
            catch (Exception e)
            {
                // A failure of this frame (a model that refuses an input): drop the frame, not the device — unless it persists.
                Status.Failed();
                if (Interlocked.Exchange(ref slot.Current, null) is { } mine)
                {
                    _scheduler.GiveBack(mine, retry: false);
                }

                Log.FrameFailed(_logger, Id, e.Message);
                if (Interlocked.Increment(ref _consecutiveErrors) >= ConsecutiveErrorsBeforeFailing)
                {
                    Fail(e);
                }
            }
            finally
            {
                Status.Ended(Stopwatch.GetTimestamp() - Volatile.Read(ref slot.BusySince));
            }
        }
    }

    private void Fail(Exception error)
    {
        // Before anything else, so no slot takes another frame while the failure is being reported.
        _stopping = true;
        if (Interlocked.Exchange(ref _failed, 1) != 0)
        {
            return;
        }

        Status.LastError = error.Message;
        Log.Failing(_logger, Id, error.Message);
        Stop();
        Failed?.Invoke(this, error);
    }

    private sealed class Slot(Dictionary<ModelDefinition, DetectionPass> passes) : IDisposable
    {
        public DetectionResult? Current;
        public long BusySince;

        public Dictionary<ModelDefinition, DetectionPass> Passes { get; } = passes;

        public DetectionList Scratch { get; } = new();

        public Thread? Thread { get; set; }

        public void AbortAll()
        {
            foreach (var pass in Passes.Values)
            {
                try
                {
                    pass.Request.Abort();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Best effort: the worker is being retired anyway.
                }
            }
        }

        public void Dispose()
        {
            foreach (var pass in Passes.Values)
            {
                pass.Dispose();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker}: retiring: {Reason}")]
        public static partial void Failing(ILogger logger, string worker, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker}: a frame failed: {Reason}")]
        public static partial void FrameFailed(ILogger logger, string worker, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker}: a request is stuck in the runtime; its engine is left to the process")]
        public static partial void Abandoned(ILogger logger, string worker);
    }
}
