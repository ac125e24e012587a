using System.Diagnostics;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Scheduling;

/// <summary>
/// The scheduler's state for one camera: the newest frame waiting for a worker, frames given back by a failed worker,
/// the rate limit, and the re-order buffer that publishes results in frame order.
/// </summary>
internal sealed class CameraLane
{
    private const int ReorderCapacity = 512; // far above any realistic number of requests in flight
    private readonly DetectionResult?[] _reorder = new DetectionResult?[ReorderCapacity];
    private readonly Stack<DetectionResult> _free = new();
    private readonly Lock _publishGate = new();
    private readonly HashSet<int>? _labels;
    private long _nextToPublish;
    private long _highestFiled = -1;
    private long _gapSince;

    public CameraLane(string name, ModelDefinition model, CameraStatus status, IDetectionSink sink, double detectFps, IEnumerable<string> labels, float? threshold)
    {
        Name = name;
        Model = model;
        Status = status;
        Sink = sink;
        MinimumInterval = detectFps > 0 ? (long)(Stopwatch.Frequency / detectFps) : 0;
        var wanted = labels.ToList();
        _labels = wanted.Count == 0 ? null : [.. wanted.Select(model.Labels.IndexOf).Where(i => i >= 0)];
        Threshold = threshold;
    }

    public string Name { get; }

    public ModelDefinition Model { get; }

    public CameraStatus Status { get; }

    public IDetectionSink Sink { get; }

    /// <summary>Ticks between detections allowed by DetectFps (0 = no limit).</summary>
    public long MinimumInterval { get; }

    public float? Threshold { get; }

    // The fields below are guarded by the scheduler's lock.
    public Frame? Pending { get; set; }

    public Queue<DetectionResult> Retry { get; } = new();

    public long NextSequence { get; set; }

    public long NextAllowedAt { get; set; }

    /// <summary>Signalled when this camera's waiting frame is taken (a recording's reader parks the next one then).</summary>
    public SemaphoreSlim Room { get; } = new(0, 1);

    /// <summary>Results given up on (their frame never published), counted once each.</summary>
    public long LateResults { get; private set; }

    /// <summary>A result object for a frame being dispatched (guarded by the scheduler's lock).</summary>
    public DetectionResult Rent(Frame frame, long now)
    {
        DetectionResult result;
        lock (_free)
        {
            result = _free.Count > 0 ? _free.Pop() : new DetectionResult(this);
        }

        result.Frame = frame;
        result.Sequence = NextSequence++;
        result.DispatchedAt = now;
        result.IsTombstone = false;
        result.Detections.Clear();
        return result;
    }

    /// <summary>
    /// Files a finished (or abandoned) result and publishes every result that is now next in order. Called from worker
    /// threads; publishing happens under this camera's lock so results of one camera never overlap.
    /// </summary>
    public void Complete(DetectionResult result, TimeSpan reorderTimeout)
    {
        lock (_publishGate)
        {
            if (result.Sequence < _nextToPublish || result.Sequence - _nextToPublish >= ReorderCapacity)
            {
                // Given up on already (or impossibly far ahead): never publish out of order.
                LateResults++;
                Recycle(result);
                return;
            }

            if (!result.IsTombstone)
            {
                ApplyCameraFilters(result);
            }

            _reorder[result.Sequence % ReorderCapacity] = result;
            _highestFiled = Math.Max(_highestFiled, result.Sequence);
            Drain(reorderTimeout);
        }
    }

    /// <summary>Publishes what has waited too long for a missing result (called periodically).</summary>
    public void Flush(TimeSpan reorderTimeout)
    {
        lock (_publishGate)
        {
            Drain(reorderTimeout);
        }
    }

    private void Drain(TimeSpan reorderTimeout)
    {
        while (true)
        {
            var slot = _nextToPublish % ReorderCapacity;
            if (_reorder[slot] is { } ready)
            {
                _reorder[slot] = null;
                _nextToPublish++;
                _gapSince = 0;
                if (!ready.IsTombstone)
                {
                    Status.Detected.Mark();
                    Sink.Publish(ready);
                }

                Recycle(ready);
                continue;
            }

            // The next result is missing. Wait for it while anything later is waiting, but not for ever.
            if (!AnyWaiting())
            {
                _gapSince = 0;
                return;
            }

            var now = Stopwatch.GetTimestamp();
            if (_gapSince == 0)
            {
                _gapSince = now;
                return;
            }

            if (Stopwatch.GetElapsedTime(_gapSince, now) < reorderTimeout)
            {
                return;
            }

            _nextToPublish++; // give up on it; if it turns up later it is counted as late
            _gapSince = now;
            Status.Dropped.Mark();
        }
    }

    private bool AnyWaiting() => _highestFiled > _nextToPublish;

    private void ApplyCameraFilters(DetectionResult result)
    {
        if (_labels is null && Threshold is null)
        {
            return;
        }

        var items = result.Detections.AsSpan();
        var kept = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if ((_labels is null || _labels.Contains(items[i].Label)) && (Threshold is not { } t || items[i].Score >= t))
            {
                items[kept++] = items[i];
            }
        }

        result.Detections.Truncate(kept);
    }

    private void Recycle(DetectionResult result)
    {
        result.Frame.Release();
        result.Frame = null!;
        lock (_free)
        {
            _free.Push(result);
        }
    }
}
