using System.Diagnostics;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Scheduling;

/// <summary>
/// Hands camera frames to workers with real-time semantics: per camera only the newest frame waits (a newer one replaces
/// it), a frame older than <see cref="SchedulerOptions.MaxFrameAge"/> is dropped rather than processed late, cameras
/// take turns, and each camera's results are published in frame order. Nothing here queues without bound.
/// </summary>
public sealed class FrameScheduler
{
    private readonly Lock _gate = new();

    // Request slots waiting for a frame, longest-waiting first: each frame goes to the slot idle the longest, so every
    // device gets work (a stick that never gets a frame is a stick whose failure nobody would notice).
    private readonly LinkedList<Waiter> _waiters = [];

    [ThreadStatic]
    private static Waiter? _threadWaiter;
    private readonly Dictionary<string, CameraLane> _lanes = new(StringComparer.Ordinal);
    private readonly List<CameraLane> _order = [];
    private readonly long _maxFrameAge;
    private int _nextLane;
    private long _dispatched;
    private long _superseded;
    private long _stale;
    private long _requeued;

    public FrameScheduler(SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _maxFrameAge = (long)(options.MaxFrameAge.TotalSeconds * Stopwatch.Frequency);
    }

    public SchedulerOptions Options { get; }

    /// <summary>Frames handed to workers (re-queued ones counted again).</summary>
    public long Dispatched => Interlocked.Read(ref _dispatched);

    /// <summary>Frames replaced by a newer one before any worker was free.</summary>
    public long Superseded => Interlocked.Read(ref _superseded);

    /// <summary>Frames dropped because they waited longer than MaxFrameAge (including frames of a failed worker).</summary>
    public long Stale => Interlocked.Read(ref _stale);

    /// <summary>Frames given back by a failed worker and handed to another.</summary>
    public long Requeued => Interlocked.Read(ref _requeued);

    /// <summary>Adds a camera; frames offered for it go to workers that serve <paramref name="model"/>.</summary>
    public void AddCamera(string name, ModelDefinition model, CameraStatus status, IDetectionSink sink, double detectFps = 0, IEnumerable<string>? labels = null, float? threshold = null)
    {
        var lane = new CameraLane(name, model, status, sink, detectFps, labels ?? [], threshold);
        lock (_gate)
        {
            _lanes.Add(name, lane);
            _order.Add(lane);
        }
    }

    /// <summary>
    /// Gives the scheduler a frame (with the caller's reference, which the scheduler now owns). A frame of the same camera
    /// still waiting for a worker is dropped: the newest wins.
    /// </summary>
    public void Offer(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Frame? replaced;
        CameraLane lane;
        lock (_gate)
        {
            if (!_lanes.TryGetValue(frame.Camera, out lane!))
            {
                throw new InvalidOperationException($"No camera named '{frame.Camera}' is scheduled.");
            }

            replaced = lane.Pending;
            lane.Pending = frame;
            WakeOneFor(lane);
        }

        if (replaced is not null)
        {
            Interlocked.Increment(ref _superseded);
            lane.Status.Dropped.Mark();
            replaced.Release();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for a frame of a camera whose model is in <paramref name="models"/>. The result
    /// holds the frame; it must come back through <see cref="Complete"/> or <see cref="GiveBack"/>.
    /// </summary>
    public DetectionResult? TryTake(IReadOnlySet<ModelDefinition> models, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(models);
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        List<Frame>? expired = null;
        try
        {
            lock (_gate)
            {
                while (true)
                {
                    var now = Stopwatch.GetTimestamp();
                    var result = FindWork(models, now, ref expired, out var nextEligible);
                    if (result is not null)
                    {
                        Interlocked.Increment(ref _dispatched);
                        return result;
                    }

                    if (now >= deadline)
                    {
                        return null;
                    }

                    // Queue up and sleep until handed a frame, a rate limit lifts, or the wait is over.
                    var until = Math.Min(deadline, nextEligible);
                    var milliseconds = Math.Max(1, (int)Math.Ceiling((until - now) * 1000.0 / Stopwatch.Frequency));
                    var waiter = _threadWaiter ??= new Waiter();
                    waiter.Enlist(models);
                    _waiters.AddLast(waiter.Node);
                    _gate.Exit();
                    try
                    {
                        waiter.Signal.Wait(milliseconds);
                    }
                    finally
                    {
                        _gate.Enter();
                        if (waiter.Node.List is not null)
                        {
                            _waiters.Remove(waiter.Node);
                        }
                    }
                }
            }
        }
        finally
        {
            // Frames are released outside the lock: their pool has its own.
            if (expired is not null)
            {
                foreach (var frame in expired)
                {
                    frame.Release();
                }
            }
        }
    }

    /// <summary>
    /// Blocks until <paramref name="camera"/> has no frame waiting: the moment for the reader of a recording analysed as
    /// fast as detection goes to park its next frame. Such frames (<see cref="Frame.StampWhenTaken"/>) are stamped when a
    /// worker takes them, so they wait ready for the next free worker without counting as latency, and nothing is decoded
    /// only to be dropped. False when stopping.
    /// </summary>
    public bool WaitForRoom(string camera, CancellationToken stopping)
    {
        CameraLane lane;
        lock (_gate)
        {
            lane = _lanes[camera];
        }

        while (!stopping.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (lane.Pending is null)
                {
                    return true;
                }
            }

            // Woken when the frame is taken; the timeout only bounds how late a stop is noticed.
            lane.Room.Wait(200, CancellationToken.None);
        }

        return false;
    }

    /// <summary>A worker finished a result: it is published in frame order.</summary>
    public void Complete(DetectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.CompletedAt = Stopwatch.GetTimestamp();
        result.Lane.Complete(result, Options.ReorderTimeout);
    }

    /// <summary>
    /// A worker could not finish a result (its device failed or hung): the frame goes back to the front of its camera's
    /// queue if it is still fresh, otherwise it is dropped and counted. Returns whether it was re-queued.
    /// </summary>
    public bool GiveBack(DetectionResult result, bool retry = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lane = result.Lane;
        if (retry && Stopwatch.GetTimestamp() - result.Frame.CapturedAt <= _maxFrameAge)
        {
            lock (_gate)
            {
                lane.Retry.Enqueue(result);
                WakeOneFor(lane);
            }

            Interlocked.Increment(ref _requeued);
            return true;
        }

        Interlocked.Increment(ref _stale);
        lane.Status.Dropped.Mark();
        result.IsTombstone = true;
        lane.Complete(result, Options.ReorderTimeout);
        return false;
    }

    /// <summary>Publishes results held up by a lost one past the re-order timeout (call a few times a second).</summary>
    public void Tick()
    {
        CameraLane[] lanes;
        lock (_gate)
        {
            lanes = [.. _order];
        }

        foreach (var lane in lanes)
        {
            lane.Flush(Options.ReorderTimeout);
        }
    }

    /// <summary>Drops every waiting frame (shutdown).</summary>
    public void Clear()
    {
        List<Frame> frames = [];
        List<DetectionResult> results = [];
        lock (_gate)
        {
            foreach (var lane in _order)
            {
                if (lane.Pending is { } frame)
                {
                    frames.Add(frame);
                    lane.Pending = null;
                    SignalRoom(lane);
                }

                while (lane.Retry.TryDequeue(out var result))
                {
                    results.Add(result);
                }
            }

            WakeEveryone();
        }

        frames.ForEach(f => f.Release());
        results.ForEach(r => GiveBack(r, retry: false));
    }

    /// <summary>Wakes every waiting worker (so they notice they are stopping).</summary>
    public void WakeAll()
    {
        lock (_gate)
        {
            WakeEveryone();
        }
    }

    // Hands the camera's waiting frame to the longest-waiting slot that can take it. Called under the lock.
    private void WakeOneFor(CameraLane lane)
    {
        for (var node = _waiters.First; node is not null; node = node.Next)
        {
            if (node.Value.Models!.Contains(lane.Model))
            {
                _waiters.Remove(node);
                node.Value.Signal.Set();
                return;
            }
        }
    }

    private void WakeEveryone()
    {
        while (_waiters.First is { } node)
        {
            _waiters.Remove(node);
            node.Value.Signal.Set();
        }
    }

    // Wakes the lane's reader if it is waiting to park a frame. Called under the lock whenever a frame leaves the lane.
    private static void SignalRoom(CameraLane lane)
    {
        if (lane.Pending is null && lane.Room.CurrentCount == 0)
        {
            lane.Room.Release();
        }
    }

    /// <summary>A request slot's place in the queue of waiting slots; one per thread, reused.</summary>
    private sealed class Waiter
    {
        public Waiter()
        {
            Node = new LinkedListNode<Waiter>(this);
        }

        public LinkedListNode<Waiter> Node { get; }

        public ManualResetEventSlim Signal { get; } = new(false, spinCount: 0);

        public IReadOnlySet<ModelDefinition>? Models { get; private set; }

        public void Enlist(IReadOnlySet<ModelDefinition> models)
        {
            Models = models;
            Signal.Reset();
        }
    }

    // Round robin over cameras, starting after the one served last. Called under the lock.
    private DetectionResult? FindWork(IReadOnlySet<ModelDefinition> models, long now, ref List<Frame>? expired, out long nextEligible)
    {
        nextEligible = long.MaxValue;
        for (var i = 0; i < _order.Count; i++)
        {
            var index = (_nextLane + i) % _order.Count;
            var lane = _order[index];
            if (lane.Retry.Count == 0 && lane.Pending is null)
            {
                continue;
            }

            if (!models.Contains(lane.Model))
            {
                continue;
            }

            while (lane.Retry.TryDequeue(out var retried))
            {
                if (now - retried.Frame.CapturedAt <= _maxFrameAge)
                {
                    _nextLane = index + 1;
                    retried.DispatchedAt = now;
                    return retried;
                }

                // Too old by now: publish nothing for it, without waiting.
                Interlocked.Increment(ref _stale);
                lane.Status.Dropped.Mark();
                retried.IsTombstone = true;
                lane.Complete(retried, Options.ReorderTimeout);
            }

            if (lane.Pending is not { } frame)
            {
                continue;
            }

            if (!frame.StampWhenTaken && now - frame.CapturedAt > _maxFrameAge)
            {
                lane.Pending = null;
                SignalRoom(lane);
                Interlocked.Increment(ref _stale);
                lane.Status.Dropped.Mark();
                (expired ??= []).Add(frame);
                continue;
            }

            if (now < lane.NextAllowedAt)
            {
                nextEligible = Math.Min(nextEligible, lane.NextAllowedAt);
                continue;
            }

            lane.Pending = null;
            lane.NextAllowedAt = lane.MinimumInterval > 0 ? now + lane.MinimumInterval : 0;
            _nextLane = index + 1;
            if (frame.StampWhenTaken)
            {
                frame.Restamp();
            }

            SignalRoom(lane);
            return lane.Rent(frame, now);
        }

        return null;
    }
}
