using System.Diagnostics;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Scheduling;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// The benchmark's camera: a thread that hands the scheduler a copy of the next replayed frame either whenever there is room
/// (<see cref="FrameScheduler.WaitForRoom"/>, as recordings are read: parked ahead and stamped when a worker takes it, so
/// frames are never the limit and no worker waits for one) or at a fixed rate, as a camera delivers them (newest wins,
/// the rest are dropped).
/// </summary>
internal sealed class FrameFeeder : IDisposable
{
    private readonly FrameScheduler _scheduler;
    private readonly string _camera;
    private readonly BenchFrames _frames;
    private readonly FramePool _pool;
    private readonly double? _fps;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _offered;
    private long _poolEmpty;

    /// <param name="fps">Offer at this rate (a camera); null = on demand.</param>
    public FrameFeeder(FrameScheduler scheduler, string camera, BenchFrames frames, int buffers, double? fps)
    {
        _scheduler = scheduler;
        _camera = camera;
        _frames = frames;
        _fps = fps;
        _pool = new FramePool(camera, buffers);
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-source" };
    }

    /// <summary>Frames handed to the scheduler.</summary>
    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Times the next frame had to wait for a free buffer (frames held by the pipeline).</summary>
    public long PoolEmpty => Interlocked.Read(ref _poolEmpty);

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run()
    {
        var token = _stop.Token;
        Frame? next = null;
        long number = 0;
        var interval = _fps is { } fps ? (long)(Stopwatch.Frequency / fps) : 0;
        var due = Stopwatch.GetTimestamp();
        try
        {
            while (!token.IsCancellationRequested)
            {
                next ??= _pool.TryRentCopy(_frames.Images[(int)(number % _frames.Images.Count)].View, number + 1);
                if (next is null)
                {
                    Interlocked.Increment(ref _poolEmpty);
                    token.WaitHandle.WaitOne(1);
                    continue;
                }

                if (interval > 0)
                {
                    due += interval;
                    var wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                    if (wait > 0)
                    {
                        token.WaitHandle.WaitOne((int)wait);
                    }
                    else if (wait < -1000)
                    {
                        due = Stopwatch.GetTimestamp(); // far behind (a stalled machine): do not burst to catch up
                    }
                }
                else if (!_scheduler.WaitForRoom(_camera, token))
                {
                    break;
                }

                if (token.IsCancellationRequested)
                {
                    break;
                }

                // Paced like a camera: stamped now. As fast as the pool takes frames: parked, stamped when a worker takes it.
                next.Restamp();
                next.StampWhenTaken = interval <= 0;
                _scheduler.Offer(next);
                next = null;
                number++;
                Interlocked.Increment(ref _offered);
            }
        }
        finally
        {
            next?.Release();
        }
    }
}
