using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Scheduling;
using static EdgeWatch.Pipeline.Tests.Scheduling.SchedulingKit;

namespace EdgeWatch.Pipeline.Tests.Scheduling;

public sealed class FrameSchedulerTests : IDisposable
{
    private static readonly TimeSpan NoWait = TimeSpan.Zero;
    private readonly SchedulingKit _kit = new();
    private readonly RecordingSink _sink = new();
    private readonly FramePool _pool = new("front", 32);
    private readonly HashSet<ModelDefinition> _serves;
    private readonly FrameScheduler _scheduler = new(new SchedulerOptions { MaxFrameAge = TimeSpan.FromMilliseconds(500), ReorderTimeout = TimeSpan.FromMilliseconds(200) });

    public FrameSchedulerTests()
    {
        _serves = [_kit.Model];
        _scheduler.AddCamera("front", _kit.Model, Status("front"), _sink);
    }

    [Fact]
    public void The_newest_frame_wins_and_the_ones_it_replaced_are_counted()
    {
        for (var n = 1; n <= 3; n++)
        {
            _scheduler.Offer(NewFrame(_pool, n));
        }

        var taken = _scheduler.TryTake(_serves, NoWait);

        Assert.Equal(3, taken!.FrameNumber);
        Assert.Equal(2, _scheduler.Superseded);
        Assert.Null(_scheduler.TryTake(_serves, NoWait));
    }

    [Fact]
    public void A_frame_older_than_the_maximum_age_is_dropped_not_processed()
    {
        _scheduler.Offer(NewFrame(_pool, 1, age: TimeSpan.FromSeconds(2)));

        Assert.Null(_scheduler.TryTake(_serves, NoWait));
        Assert.Equal(1, _scheduler.Stale);
    }

    [Fact]
    public void Results_completed_out_of_order_are_published_in_frame_order()
    {
        var results = Enumerable.Range(1, 3).Select(n =>
        {
            _scheduler.Offer(NewFrame(_pool, n));
            return _scheduler.TryTake(_serves, NoWait)!;
        }).ToList();

        _scheduler.Complete(results[2]);
        _scheduler.Complete(results[0]);
        Assert.Equal([1], _sink.Frames("front"));
        _scheduler.Complete(results[1]);

        Assert.Equal([1, 2, 3], _sink.Frames("front"));
    }

    [Fact]
    public void A_lost_result_holds_later_ones_back_only_until_the_reorder_timeout()
    {
        _scheduler.Offer(NewFrame(_pool, 1));
        var lost = _scheduler.TryTake(_serves, NoWait)!;
        _scheduler.Offer(NewFrame(_pool, 2));
        _scheduler.Complete(_scheduler.TryTake(_serves, NoWait)!);
        Assert.Empty(_sink.Frames("front"));

        Thread.Sleep(300);
        _scheduler.Tick();
        Assert.Equal([2], _sink.Frames("front"));

        _scheduler.Complete(lost); // turns up late: never published out of order
        Assert.Equal([2], _sink.Frames("front"));
    }

    [Fact]
    public void A_frame_given_back_by_a_failed_worker_is_served_first_and_keeps_its_place_in_order()
    {
        _scheduler.Offer(NewFrame(_pool, 1));
        var first = _scheduler.TryTake(_serves, NoWait)!;
        _scheduler.Offer(NewFrame(_pool, 2));

        Assert.True(_scheduler.GiveBack(first));
        var retried = _scheduler.TryTake(_serves, NoWait)!;
        var retriedNumber = retried.FrameNumber;
        var next = _scheduler.TryTake(_serves, NoWait)!;
        _scheduler.Complete(next);
        _scheduler.Complete(retried);

        Assert.Equal(1, retriedNumber);
        Assert.Equal(1, _scheduler.Requeued);
        Assert.Equal([1, 2], _sink.Frames("front"));
    }

    [Fact]
    public void A_frame_given_back_too_late_is_dropped_without_holding_up_the_next()
    {
        _scheduler.Offer(NewFrame(_pool, 1, age: TimeSpan.FromMilliseconds(400)));
        var old = _scheduler.TryTake(_serves, NoWait)!;
        _scheduler.Offer(NewFrame(_pool, 2));
        var fresh = _scheduler.TryTake(_serves, NoWait)!;
        Thread.Sleep(150); // frame 1 is now past 500 ms

        _scheduler.Complete(fresh);
        Assert.False(_scheduler.GiveBack(old));

        Assert.Equal([2], _sink.Frames("front"));
        Assert.Equal(1, _scheduler.Stale);
    }

    [Fact]
    public void Cameras_take_turns()
    {
        var backPool = new FramePool("back", 32);
        _scheduler.AddCamera("back", _kit.Model, Status("back"), _sink);
        var cameras = new List<string>();
        for (var n = 1; n <= 3; n++)
        {
            _scheduler.Offer(NewFrame(_pool, n));
            _scheduler.Offer(NewFrame(backPool, n));
            cameras.Add(_scheduler.TryTake(_serves, NoWait)!.Camera);
            cameras.Add(_scheduler.TryTake(_serves, NoWait)!.Camera);
        }

        Assert.Equal(3, cameras.Count(c => c == "front"));
        Assert.Equal(3, cameras.Count(c => c == "back"));
        Assert.All(cameras.Chunk(2), pair => Assert.NotEqual(pair[0], pair[1]));
    }

    [Fact]
    public void DetectFps_limits_how_often_a_camera_is_served()
    {
        var slowPool = new FramePool("slow", 64);
        _scheduler.AddCamera("slow", _kit.Model, Status("slow"), _sink, detectFps: 5);
        var served = 0;
        var until = DateTime.UtcNow.AddSeconds(1);
        while (DateTime.UtcNow < until)
        {
            _scheduler.Offer(NewFrame(slowPool, served + 1000));
            if (_scheduler.TryTake(_serves, TimeSpan.FromMilliseconds(20)) is { } result)
            {
                served++;
                _scheduler.Complete(result);
            }
        }

        // 5 per second, plus the first one served at once. Fewer is possible on a loaded machine; more is not.
        Assert.InRange(served, 1, 6);
    }

    [Fact]
    public void Workers_only_take_frames_of_models_they_serve()
    {
        using var other = new SchedulingKit();
        var otherPool = new FramePool("other", 4);
        _scheduler.AddCamera("other", other.Model, Status("other"), _sink);
        _scheduler.Offer(NewFrame(otherPool, 1));

        Assert.Null(_scheduler.TryTake(_serves, NoWait));
        Assert.Equal("other", _scheduler.TryTake(new HashSet<ModelDefinition> { other.Model }, NoWait)!.Camera);
    }

    public void Dispose() => _kit.Dispose();
}
