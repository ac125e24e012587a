using System.Diagnostics;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Scheduling;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// The scheduler's own CPU per frame, measured directly: on one thread, a frame is offered, taken for a worker, completed
/// and published in order — every scheduler operation a frame goes through, without threads to wake. What a simulated
/// row's scheduling CPU adds to this is the cost of handing frames between threads.
/// </summary>
internal static class SchedulerProbe
{
    /// <summary>CPU microseconds per frame, measured over at least <paramref name="duration"/>.</summary>
    public static double Measure(ModelDefinition model, TimeSpan duration)
    {
        var scheduler = new FrameScheduler(new SchedulerOptions());
        scheduler.AddCamera("probe", model, new CameraStatus("probe", "scheduler probe"), new CountingSink());
        var models = new HashSet<ModelDefinition> { model };
        var pool = new FramePool("probe", 4);
        var pixel = new BgrImage(new byte[16 * 16 * 3], 16, 16);
        long number = 0;
        for (var i = 0; i < 1000; i++)
        {
            Once();
        }

        var cpu = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        long count = 0;
        while (Stopwatch.GetElapsedTime(start) < duration || count < 10_000)
        {
            for (var i = 0; i < 1000; i++)
            {
                Once();
            }

            count += 1000;
        }

        return (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / count;

        void Once()
        {
            scheduler.Offer(pool.TryRentCopy(pixel.View, ++number)!);
            var job = scheduler.TryTake(models, TimeSpan.Zero) ?? throw new InvalidOperationException("the scheduler kept the frame");
            scheduler.Complete(job);
        }
    }

    private sealed class CountingSink : IDetectionSink
    {
        public long Published { get; private set; }

        public void Publish(DetectionResult result) => Published++;
    }
}
