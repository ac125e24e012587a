using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// Runs one benchmark row through the daemon's own machinery — <see cref="FrameScheduler"/>, <see cref="WorkerPool"/>,
/// <see cref="InferenceWorker"/>s with K request slots each — fed by a <see cref="FrameFeeder"/>, and measures frames per
/// second, latency and the process's CPU after a warm-up.
/// </summary>
internal static class ThroughputBenchmark
{
    private const string Camera = "bench";

    /// <summary>
    /// Frame buffers the source gets: one per request in flight, as many again for results waiting to be re-ordered, and
    /// a few for the frame waiting and the one being copied.
    /// </summary>
    public static int FrameBuffers(int workers, int requests) => (2 * workers * Math.Max(1, requests)) + 8;

    /// <summary>Measures <paramref name="setup"/>; the workers (and so the engines lent to them) are disposed at the end.</summary>
    /// <param name="duration">Measure this long, unless <paramref name="frames"/> is given.</param>
    /// <param name="frames">Measure until this many frames are done (then <paramref name="duration"/> is a time limit).</param>
    /// <param name="sourceFps">Offer frames at this rate like a camera; null = whenever a worker is idle.</param>
    /// <param name="progress">Called a few times a second with (phase, done, total).</param>
    public static async Task<ThroughputResult> RunAsync(
        ThroughputSetup setup, BenchFrames source, TimeSpan warmup, TimeSpan duration, long? frames, double? sourceFps,
        Action<string, long, long> progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(progress);
        var scheduler = new FrameScheduler(new SchedulerOptions());
        var sink = new LatencySink();
        var status = new CameraStatus(Camera, source.Description);
        scheduler.AddCamera(Camera, setup.Model, status, sink);
        var failures = new ConcurrentQueue<string>();
        var pool = new WorkerPool(scheduler, NullLogger.Instance);
        pool.WorkerRetired += (worker, error) =>
        {
            if (error is not null)
            {
                failures.Enqueue($"{worker.Id}: {error.Message}");
            }
        };

        var requests = 0;
        FrameFeeder? feeder = null;
        try
        {
            var index = 0;
            foreach (var engine in setup.Engines)
            {
                var id = setup.Engines.Count == 1 ? engine.Device : $"{engine.Device}#{++index}";
                var worker = new InferenceWorker(id, setup.Kind, [engine], _ => setup.Filter, scheduler, setup.Requests, setup.InferenceTimeout, NullLogger.Instance);
                requests = worker.Requests;
                pool.Add(worker);
            }

            feeder = new FrameFeeder(scheduler, Camera, source, FrameBuffers(setup.Engines.Count, requests), sourceFps);
            feeder.Start();
            await WaitAsync(warmup, "warming up", () => 0, progress, () => pool.Count == 0, cancellation).ConfigureAwait(false);

            var droppedBefore = status.Dropped.Total;
            var poolEmptyBefore = feeder.PoolEmpty;
            sink.Begin();
            var cpu = Environment.CpuUsage.TotalTime;
            var start = Stopwatch.GetTimestamp();
            if (frames is { } target)
            {
                await WaitAsync(duration, "measuring", () => sink.Count, progress, () => pool.Count == 0 || sink.Count >= target, cancellation, target).ConfigureAwait(false);
            }
            else
            {
                await WaitAsync(duration, "measuring", () => (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds, progress, () => pool.Count == 0, cancellation).ConfigureAwait(false);
            }

            var (count, latencies) = sink.End();
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            return new ThroughputResult(
                count, seconds, requests, latencies.P50, latencies.P95, latencies.P99, cpuMs / 10 / seconds, cpuMs / Math.Max(1, count),
                status.Dropped.Total - droppedBefore, feeder.PoolEmpty - poolEmptyBefore, [.. failures]);
        }
        finally
        {
            feeder?.Dispose();
            await pool.DisposeAsync().ConfigureAwait(false);
            scheduler.Clear();
        }
    }

    private static async Task WaitAsync(
        TimeSpan limit, string phase, Func<long> done, Action<string, long, long> progress, Func<bool> finished, CancellationToken cancellation, long? total = null)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < limit && !finished())
        {
            progress(phase, total is null ? (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds : done(), total ?? (long)limit.TotalMilliseconds);
            await Task.Delay(50, cancellation).ConfigureAwait(false);
        }
    }
}
