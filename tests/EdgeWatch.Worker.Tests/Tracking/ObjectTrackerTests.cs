using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Tracking;

namespace EdgeWatch.Worker.Tests.Tracking;

public sealed class ObjectTrackerTests
{
    private const int Person = 0;
    private const int Car = 1;
    private static readonly LabelSet Labels = new(["person", "car", "dog"]);
    private static readonly DateTime Start = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TrackingOptions Options = new() { MinHits = 3, MaxMisses = 10, IoU = 0.25, UpdateIntervalFrames = 25 };

    [Fact]
    public void A_person_walking_across_the_frame_is_one_new_and_one_end_with_the_frames_own_times()
    {
        var tracker = new ObjectTracker(Options);
        var events = new List<TrackEvent>();
        for (var frame = 1; frame <= 60; frame++)
        {
            Step(tracker, frame, events, Walker(frame, speed: 8));
        }

        for (var frame = 61; frame <= 75; frame++)
        {
            Step(tracker, frame, events);
        }

        Assert.Equal([TrackEventKind.New, TrackEventKind.End], events.Select(e => e.Kind));
        var (created, ended) = (events[0], events[1]);
        Assert.Equal(created.Id, ended.Id);
        Assert.Equal(("person", 1L, 3L, 3), (created.Label, created.FirstFrame, created.LastFrame, created.Frames));
        Assert.Equal((1L, 60L, 60), (ended.FirstFrame, ended.LastFrame, ended.Frames));
        Assert.Equal(Time(1), ended.FirstSeen);
        Assert.Equal(Time(60), ended.LastSeen);
        Assert.Equal(Walker(60, speed: 8).Box, ended.Box);
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void A_detection_seen_in_fewer_frames_than_MinHits_is_never_announced()
    {
        var tracker = new ObjectTracker(Options);
        var events = new List<TrackEvent>();
        Step(tracker, 1, events, Walker(1, speed: 0));
        Step(tracker, 2, events, Walker(2, speed: 0));
        for (var frame = 3; frame <= 30; frame++)
        {
            Step(tracker, frame, events);
        }

        Assert.Empty(events);
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void A_moving_person_lost_for_a_few_frames_stays_one_object()
    {
        // 15 px a frame with a 60 px wide box: after five lost frames the last box no longer overlaps, the prediction does.
        var tracker = new ObjectTracker(Options);
        var events = new List<TrackEvent>();
        for (var frame = 1; frame <= 50; frame++)
        {
            var lost = frame is >= 20 and <= 24 || frame == 33;
            Step(tracker, frame, events, lost ? [] : [Walker(frame, speed: 15)]);
        }

        for (var frame = 51; frame <= 70; frame++)
        {
            Step(tracker, frame, events);
        }

        Assert.Equal([TrackEventKind.New, TrackEventKind.End], events.Select(e => e.Kind));
        Assert.Equal(44, events[1].Frames);
    }

    [Fact]
    public void A_person_gone_for_longer_than_MaxMisses_comes_back_as_a_new_object()
    {
        var tracker = new ObjectTracker(Options);
        var events = new List<TrackEvent>();
        for (var frame = 1; frame <= 60; frame++)
        {
            Step(tracker, frame, events, frame is > 20 and <= 35 ? [] : [Walker(frame, speed: 0)]);
        }

        Assert.Equal([TrackEventKind.New, TrackEventKind.End, TrackEventKind.New], events.Select(e => e.Kind));
        Assert.NotEqual(events[0].Id, events[2].Id);
        Assert.Equal(20L, events[1].LastFrame);
    }

    [Fact]
    public void Two_people_side_by_side_are_two_objects_and_labels_not_tracked_are_ignored()
    {
        var tracker = new ObjectTracker(Options, [Person]);
        var events = new List<TrackEvent>();
        for (var frame = 1; frame <= 10; frame++)
        {
            Step(tracker, frame, events,
                new Detection(Person, 0.8f, new BoundingBox(100, 100, 160, 300)),
                new Detection(Person, 0.7f, new BoundingBox(170, 100, 230, 300)),
                new Detection(Car, 0.9f, new BoundingBox(300, 200, 500, 300)));
        }

        Assert.Equal(2, events.Count(e => e.Kind == TrackEventKind.New));
        Assert.All(events, e => Assert.Equal("person", e.Label));
        Assert.Equal(2, tracker.ConfirmedCount);
    }

    [Fact]
    public void Updates_come_only_when_the_best_score_rises_and_at_most_once_per_interval()
    {
        var tracker = new ObjectTracker(Options);
        var events = new List<TrackEvent>();
        for (var frame = 1; frame <= 100; frame++)
        {
            var score = frame <= 60 ? 0.5f + (frame * 0.006f) : 0.6f; // rises to 0.86, then falls back
            Step(tracker, frame, events, Walker(frame, speed: 2) with { Score = score });
        }

        // New at frame 3; then every 25 frames while the best score has risen since the last report: 28, 53, and 78
        // (the best, 0.86 from frame 60, is above 53's); nothing after that.
        var updates = events.Where(e => e.Kind == TrackEventKind.Update).ToList();
        Assert.Equal([28L, 53L, 78L], updates.Select(u => u.LastFrame));
        Assert.Equal(0.86f, updates[^1].TopScore, 0.001f);
    }

    [Fact]
    public void Stopping_ends_announced_objects_only()
    {
        var tracker = new ObjectTracker(Options);
        var events = new List<TrackEvent>();
        for (var frame = 1; frame <= 5; frame++)
        {
            Step(tracker, frame, events, frame <= 4
                ? [Walker(frame, speed: 0), new Detection(Person, 0.9f, new BoundingBox(500, 10, 560, 200))]
                : [Walker(frame, speed: 0), new Detection(Person, 0.9f, new BoundingBox(500, 10, 560, 200)), new Detection(Person, 0.9f, new BoundingBox(300, 300, 330, 400))]);
        }

        events.Clear();
        tracker.EndAll(events);

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(TrackEventKind.End, e.Kind));
        Assert.Equal(0, tracker.Count);
    }

    private static Detection Walker(long frame, float speed) =>
        new(Person, 0.8f, new BoundingBox(20 + (speed * frame), 100, 80 + (speed * frame), 300));

    private static DateTime Time(long frame) => Start.AddMilliseconds(frame * 100);

    private static void Step(ObjectTracker tracker, long frame, List<TrackEvent> events, params Detection[] detections) =>
        tracker.Update(detections, Labels, frame, Time(frame), events);
}
