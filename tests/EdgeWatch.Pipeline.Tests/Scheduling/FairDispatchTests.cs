using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Scheduling;
using static EdgeWatch.Pipeline.Tests.Scheduling.SchedulingKit;

namespace EdgeWatch.Pipeline.Tests.Scheduling;

public sealed class FairDispatchTests : IDisposable
{
    private readonly SchedulingKit _kit = new();

    [Fact]
    public async Task Each_frame_goes_to_the_slot_that_has_waited_longest_so_every_device_gets_work()
    {
        var scheduler = new FrameScheduler(new SchedulerOptions());
        scheduler.AddCamera("front", _kit.Model, Status("front"), new RecordingSink());
        var pool = new FramePool("front", 16);
        var models = new HashSet<ModelDefinition> { _kit.Model };
        var served = new List<string>();
        var order = new object();

        // Four idle slots, queued in a known order; a slot that got a frame queues up again at the back.
        var slots = Enumerable.Range(0, 4).Select(i => new Thread(() =>
        {
            Thread.Sleep(100 * i);
            for (var n = 0; n < 2; n++)
            {
                var result = scheduler.TryTake(models, TimeSpan.FromSeconds(20));
                Assert.NotNull(result);
                lock (order)
                {
                    served.Add($"slot{i}");
                }

                scheduler.Complete(result!);
            }
        }) { IsBackground = true }).ToList();
        slots.ForEach(t => t.Start());
        await Task.Delay(600);

        for (var n = 1; n <= 8; n++)
        {
            scheduler.Offer(NewFrame(pool, n));
            var count = n;
            await WaitUntil(() =>
            {
                lock (order)
                {
                    return served.Count >= count;
                }
            });
        }

        Assert.All(slots, t => Assert.True(t.Join(TimeSpan.FromSeconds(15))));
        Assert.Equal(["slot0", "slot1", "slot2", "slot3", "slot0", "slot1", "slot2", "slot3"], served);
    }

    public void Dispose() => _kit.Dispose();

    private static async Task WaitUntil(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "not served in 15 s");
            await Task.Delay(5);
        }
    }
}
