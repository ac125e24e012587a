using System.Globalization;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Worker.Configuration;

namespace EdgeWatch.Worker.Tracking;

/// <summary>
/// Follows the objects of one camera from frame to frame, so one person walking through is one <c>new</c> and one
/// <c>end</c>, not a message per frame. A simple IoU tracker: each frame, detections are matched greedily (best overlap
/// first, same label only) to the objects' predicted boxes; an object matched in <see cref="TrackingOptions.MinHits"/>
/// frames is announced, one unmatched for more than <see cref="TrackingOptions.MaxMisses"/> frames has ended.
/// </summary>
/// <remarks>
/// Time is the frames' own: frame numbers for prediction and counting, frame timestamps in the events, never the clock
/// at the moment of the call, so an unpaced recording behaves as it would live. Not thread-safe: one camera's results
/// arrive one at a time.
/// </remarks>
public sealed class ObjectTracker
{
    // A tentative object (not announced yet) is forgotten sooner than a confirmed one: a lone false positive should not
    // linger for MaxMisses frames waiting for company.
    private readonly int _tentativeMisses;
    private readonly TrackingOptions _options;
    private readonly List<TrackedObject> _objects = [];
    private readonly List<Candidate> _candidates = [];
    private bool[] _detectionTaken = new bool[64];
    private bool[] _objectTaken = new bool[64];
    private readonly int[]? _labels;
    private long _counter;

    /// <param name="options">Matching and confirmation rules.</param>
    /// <param name="labels">The label indices to track (others are ignored); null tracks every label.</param>
    public ObjectTracker(TrackingOptions options, IReadOnlyCollection<int>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _labels = labels is null ? null : [.. labels];
        _tentativeMisses = Math.Min(options.MaxMisses, options.MinHits);
    }

    /// <summary>Objects followed now, announced or not.</summary>
    public int Count => _objects.Count;

    /// <summary>Objects announced (<c>new</c> sent) and not ended.</summary>
    public int ConfirmedCount => _objects.Count(o => o.Confirmed);

    /// <summary>
    /// Takes one processed frame's detections (in frame pixels; those without a box are ignored) and appends what
    /// happened to <paramref name="events"/>.
    /// </summary>
    public void Update(ReadOnlySpan<Detection> detections, LabelSet labels, long frameNumber, DateTime timestamp, List<TrackEvent> events)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(events);
        EnsureCapacity(detections.Length, _objects.Count);
        Array.Clear(_detectionTaken, 0, detections.Length);
        Array.Clear(_objectTaken, 0, _objects.Count);

        // Every pairing good enough, best first; greedy assignment is plenty for the few objects a camera sees.
        _candidates.Clear();
        for (var o = 0; o < _objects.Count; o++)
        {
            var tracked = _objects[o];
            var predicted = tracked.PredictedAt(frameNumber);
            for (var d = 0; d < detections.Length; d++)
            {
                ref readonly var detection = ref detections[d];
                if (!detection.HasBox || detection.Label != tracked.Label)
                {
                    continue;
                }

                // The prediction helps a moving object; the last box helps one that stopped. Either may match.
                var overlap = Math.Max(predicted.IoU(detection.Box), tracked.Box.IoU(detection.Box));
                if (overlap >= _options.IoU)
                {
                    _candidates.Add(new Candidate(o, d, overlap));
                }
            }
        }

        _candidates.Sort(static (a, b) => b.Overlap.CompareTo(a.Overlap));
        foreach (var candidate in _candidates)
        {
            if (_objectTaken[candidate.Object] || _detectionTaken[candidate.Detection])
            {
                continue;
            }

            _objectTaken[candidate.Object] = true;
            _detectionTaken[candidate.Detection] = true;
            Matched(_objects[candidate.Object], detections[candidate.Detection], frameNumber, timestamp, events);
        }

        var existing = _objects.Count;
        for (var o = existing - 1; o >= 0; o--)
        {
            if (_objectTaken[o])
            {
                continue;
            }

            var tracked = _objects[o];
            tracked.Misses++;
            if (tracked.Misses > (tracked.Confirmed ? _options.MaxMisses : _tentativeMisses))
            {
                _objects.RemoveAt(o);
                if (tracked.Confirmed)
                {
                    events.Add(tracked.ToEvent(TrackEventKind.End));
                }
            }
        }

        for (var d = 0; d < detections.Length; d++)
        {
            ref readonly var detection = ref detections[d];
            if (_detectionTaken[d] || !detection.HasBox || (_labels is not null && Array.IndexOf(_labels, detection.Label) < 0))
            {
                continue;
            }

            var tracked = new TrackedObject
            {
                Id = NewId(timestamp),
                Label = detection.Label,
                LabelName = labels[detection.Label],
                FirstSeen = timestamp,
                FirstFrame = frameNumber,
                Box = detection.Box,
                Score = detection.Score,
                TopScore = detection.Score,
                LastSeen = timestamp,
                LastFrame = frameNumber,
                Hits = 1,
            };
            _objects.Add(tracked);
            Confirm(tracked, frameNumber, events);
        }
    }

    /// <summary>Ends every announced object (the daemon is stopping: nobody will see them leave).</summary>
    public void EndAll(List<TrackEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var tracked in _objects)
        {
            if (tracked.Confirmed)
            {
                events.Add(tracked.ToEvent(TrackEventKind.End));
            }
        }

        _objects.Clear();
    }

    private void Matched(TrackedObject tracked, in Detection detection, long frameNumber, DateTime timestamp, List<TrackEvent> events)
    {
        var steps = Math.Max(1, frameNumber - tracked.LastFrame);
        var (oldX, oldY) = Centre(tracked.Box);
        var (newX, newY) = Centre(detection.Box);
        // Smoothed, so one jittery box does not send the prediction flying.
        tracked.VelocityX = (0.5f * tracked.VelocityX) + (0.5f * (newX - oldX) / steps);
        tracked.VelocityY = (0.5f * tracked.VelocityY) + (0.5f * (newY - oldY) / steps);
        tracked.Box = detection.Box;
        tracked.Score = detection.Score;
        tracked.TopScore = Math.Max(tracked.TopScore, detection.Score);
        tracked.LastSeen = timestamp;
        tracked.LastFrame = frameNumber;
        tracked.Hits++;
        tracked.Misses = 0;
        if (!tracked.Confirmed)
        {
            Confirm(tracked, frameNumber, events);
        }
        else if (frameNumber - tracked.ReportedFrame >= _options.UpdateIntervalFrames && tracked.TopScore >= tracked.ReportedTopScore + 0.02f)
        {
            Report(tracked, TrackEventKind.Update, frameNumber, events);
        }
    }

    private void Confirm(TrackedObject tracked, long frameNumber, List<TrackEvent> events)
    {
        if (tracked.Hits >= _options.MinHits)
        {
            tracked.Confirmed = true;
            Report(tracked, TrackEventKind.New, frameNumber, events);
        }
    }

    private static void Report(TrackedObject tracked, TrackEventKind kind, long frameNumber, List<TrackEvent> events)
    {
        tracked.ReportedFrame = frameNumber;
        tracked.ReportedTopScore = tracked.TopScore;
        events.Add(tracked.ToEvent(kind));
    }

    private string NewId(DateTime timestamp) =>
        string.Create(CultureInfo.InvariantCulture, $"{new DateTimeOffset(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc)).ToUnixTimeMilliseconds()}-{++_counter}");

    private static (float X, float Y) Centre(in BoundingBox box) => ((box.X1 + box.X2) * 0.5f, (box.Y1 + box.Y2) * 0.5f);

    private void EnsureCapacity(int detections, int objects)
    {
        if (_detectionTaken.Length < detections)
        {
            _detectionTaken = new bool[Math.Max(detections, _detectionTaken.Length * 2)];
        }

        if (_objectTaken.Length < objects)
        {
            _objectTaken = new bool[Math.Max(objects, _objectTaken.Length * 2)];
        }
    }

    private readonly record struct Candidate(int Object, int Detection, float Overlap);
}
