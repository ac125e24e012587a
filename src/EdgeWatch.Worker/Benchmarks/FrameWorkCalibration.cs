using System.Diagnostics;
using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// The CPU a frame costs without any scheduling: on one thread, copy it into a pooled buffer (as the source does),
/// pre-process it into a request's input and decode the request's (simulated) outputs (as a worker slot does) —
/// everything a simulated row does per frame but the inference wait and the hand-offs between threads. The buffers
/// rotate like the row's (as many frame buffers and requests), so memory traffic is the same. A simulated row's process
/// CPU per frame minus this is what the scheduler, the worker pool and their thread hand-offs cost per frame.
/// </summary>
internal static class FrameWorkCalibration
{
    /// <summary>CPU milliseconds per frame, measured over at least <paramref name="duration"/>.</summary>
    /// <param name="engine">A simulated engine of the row's model.</param>
    /// <param name="requests">Requests in flight in the row (workers x requests each): one pass per request.</param>
    /// <param name="buffers">Frame buffers the row's source rotates through.</param>
    public static double Measure(IInferenceEngine engine, DetectionFilter filter, BenchFrames frames, int requests, int buffers, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var pool = new FramePool("calibration", buffers);
        var passes = Enumerable.Range(0, requests).Select(_ => new DetectionPass(engine, filter)).ToList();
        var held = new Queue<Frame>();
        try
        {
            var results = new DetectionList();
            for (var i = 0; i < Math.Max(20, buffers + requests); i++)
            {
                Once(i); // warm-up: JIT, and every buffer touched once
            }

            var cpu = Environment.CpuUsage.TotalTime;
            var start = Stopwatch.GetTimestamp();
            long count = 0;
            while (Stopwatch.GetElapsedTime(start) < duration || count < 200)
            {
                Once(count++);
            }

            return (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / count;

            void Once(long n)
            {
                if (held.Count == buffers - 1)
                {
                    held.Dequeue().Release();
                }

                var frame = pool.TryRentCopy(frames.Images[(int)(n % frames.Images.Count)].View, n + 1)!;
                held.Enqueue(frame);
                var pass = passes[(int)(n % passes.Count)];
                var transform = pass.Prepare(frame.View);
                pass.Decode(transform, results);
            }
        }
        finally
        {
            while (held.TryDequeue(out var frame))
            {
                frame.Release();
            }

            passes.ForEach(p => p.Dispose());
        }
    }
}
