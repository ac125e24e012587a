using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Pipeline.Scheduling;

/// <summary>
/// The workers serving the scheduler. Workers come and go while frames flow (CPU workers from the configuration, stick
/// workers as sticks are plugged and pulled); a watchdog thread enforces inference deadlines and keeps the re-order
/// buffers moving. A worker that fails is removed and reported through <see cref="WorkerRetired"/>, so whoever made it
/// can decide what next (retry the stick, fall back to the CPU).
/// </summary>
public sealed partial class WorkerPool : IAsyncDisposable
{
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMilliseconds(100);

    private readonly FrameScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<InferenceWorker> _workers = [];
    private readonly Thread _watchdog;
    private volatile bool _disposed;

    public WorkerPool(FrameScheduler scheduler, ILogger logger)
    {
        _scheduler = scheduler;
        _logger = logger;
        _watchdog = new Thread(Watch) { IsBackground = true, Name = "pool-watchdog" };
        _watchdog.Start();
    }

    /// <summary>Raised (on a worker or watchdog thread) after a worker was removed: with the error if it failed.</summary>
    public event Action<InferenceWorker, Exception?>? WorkerRetired;

    /// <summary>Raised after a worker joined the pool.</summary>
    public event Action<InferenceWorker>? WorkerAdded;

    /// <summary>The workers now serving.</summary>
    public IReadOnlyList<InferenceWorker> Workers
    {
        get
        {
            lock (_gate)
            {
                return [.. _workers];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _workers.Count;
            }
        }
    }

    /// <summary>Starts <paramref name="worker"/> serving frames.</summary>
    public void Add(InferenceWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ObjectDisposedException.ThrowIf(_disposed, this);
        worker.Failed += OnFailed;
        lock (_gate)
        {
            _workers.Add(worker);
        }

        worker.Start();
        Log.Added(_logger, worker.Id, worker.Kind, worker.Requests);
        WorkerAdded?.Invoke(worker);
    }

    /// <summary>Stops a worker on purpose (its device is gone, or the CPU is no longer needed); its frames are re-queued.</summary>
    public void Remove(InferenceWorker worker, string reason)
    {
        ArgumentNullException.ThrowIfNull(worker);
        if (!Detach(worker))
        {
            return;
        }

        Log.Removed(_logger, worker.Id, reason);
        worker.Stop();
        DisposeInBackground(worker);
        WorkerRetired?.Invoke(worker, null);
    }

    /// <summary>Stops every worker: in-flight frames get <paramref name="grace"/> to finish, then are abandoned.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var workers = Workers;
        foreach (var worker in workers)
        {
            Detach(worker);
            worker.Stop();
        }

        await Task.Run(() =>
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _watchdog.Join(TimeSpan.FromSeconds(1));
    }

    private void OnFailed(InferenceWorker worker, Exception error)
    {
        if (!Detach(worker))
        {
            return;
        }

        DisposeInBackground(worker);
        WorkerRetired?.Invoke(worker, error);
    }

    private bool Detach(InferenceWorker worker)
    {
        lock (_gate)
        {
            if (!_workers.Remove(worker))
            {
                return false;
            }
        }

        worker.Failed -= OnFailed;
        return true;
    }

    // Joining may take as long as a frame (or forever, for a hung device): never on the caller's thread.
    private static void DisposeInBackground(InferenceWorker worker) => _ = Task.Run(worker.Dispose);

    private void Watch()
    {
        while (!_disposed)
        {
            Thread.Sleep(WatchdogPeriod);
            var now = Stopwatch.GetTimestamp();
            foreach (var worker in Workers)
            {
                worker.CheckDeadlines(now);
            }

            _scheduler.Tick();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} ({Kind}, {Requests} request(s) in flight) joined the pool")]
        public static partial void Added(ILogger logger, string worker, string kind, int requests);

        [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} left the pool: {Reason}")]
        public static partial void Removed(ILogger logger, string worker, string reason);
    }
}
