using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.Simulated;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;
using EdgeWatch.Pipeline.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using static EdgeWatch.Pipeline.Tests.Scheduling.SchedulingKit;

namespace EdgeWatch.Pipeline.Tests.Scheduling;

/// <summary>Workers come and go while frames flow; a failed or hung one gives its frames back and leaves.</summary>
public sealed class WorkerPoolTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly SchedulingKit _kit = new();
    private readonly RecordingSink _sink = new();
    private readonly FramePool _frames = new("front", 48);
    private readonly FrameScheduler _scheduler = new(new SchedulerOptions { MaxFrameAge = TimeSpan.FromSeconds(5) });
    private readonly WorkerPool _pool;

    public WorkerPoolTests()
    {
        _scheduler.AddCamera("front", _kit.Model, Status("front"), _sink);
        _pool = new WorkerPool(_scheduler, NullLogger.Instance);
    }

    [Fact]
    public async Task Frames_offered_while_workers_join_are_all_published_in_order()
    {
        _pool.Add(Worker("sim-1", new SimulatedEngine(_kit.Model, _kit.Outputs, TimeSpan.FromMilliseconds(5), 2, "sim-1")));
        await OfferAsync(1, 20);
        _pool.Add(Worker("sim-2", new SimulatedEngine(_kit.Model, _kit.Outputs, TimeSpan.FromMilliseconds(5), 2, "sim-2")));
        await OfferAsync(21, 40);

        await Eventually(() => _sink.Frames("front").Count == 40);
        Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), _sink.Frames("front"));
        Assert.Contains(_sink.Published, p => p.Device == "sim-2");
    }

    [Fact]
    public async Task A_worker_whose_device_fails_is_retired_and_its_frame_is_done_by_another()
    {
        var retired = new TaskCompletionSource<(string, Exception?)>();
        _pool.WorkerRetired += (w, e) => retired.TrySetResult((w.Id, e));
        _pool.Add(Worker("broken", new FailingEngine(_kit, failAfter: 2)));
        _pool.Add(Worker("sound", new SimulatedEngine(_kit.Model, _kit.Outputs, TimeSpan.FromMilliseconds(30), 1, "sound")));

        await OfferAsync(1, 12);

        var (id, error) = await retired.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("broken", id);
        Assert.IsType<DeviceLostException>(error);
        await Eventually(() => _sink.Frames("front").Count == 12, () => $"published {string.Join(",", _sink.Frames("front"))}; dispatched {_scheduler.Dispatched}, requeued {_scheduler.Requeued}, stale {_scheduler.Stale}, superseded {_scheduler.Superseded}");
        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), _sink.Frames("front"));
        Assert.Equal(["sound"], _pool.Workers.Select(w => w.Id));
    }

    [Fact]
    public async Task A_hung_request_is_taken_back_at_the_deadline_and_the_worker_retired()
    {
        var retired = new TaskCompletionSource<Exception?>();
        _pool.WorkerRetired += (w, e) => retired.TrySetResult(e);
        var hung = Worker("hung", new SimulatedEngine(_kit.Model, _kit.Outputs, TimeSpan.FromHours(1), 1, "hung"), TimeSpan.FromMilliseconds(300));
        _pool.Add(hung);
        _scheduler.Offer(NewFrame(_frames, 1));
        await Eventually(() => hung.Status.InFlight == 1 || retired.Task.IsCompleted, () => "the hung worker never took the frame");

        var error = await retired.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _pool.Add(Worker("rescue", new SimulatedEngine(_kit.Model, _kit.Outputs, TimeSpan.FromMilliseconds(5), 1, "rescue")));

        Assert.IsType<InferenceTimeoutException>(error);
        await Eventually(() => _sink.Frames("front").Count == 1, () => $"published {_sink.Published.Count}, requeued {_scheduler.Requeued}, stale {_scheduler.Stale}");
        Assert.Equal([(1L, "rescue")], _sink.Published.Select(p => (p.Frame, p.Device)));
        Assert.Equal(1, _scheduler.Requeued);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit v2 disposes test classes through IAsyncLifetime only, never IAsyncDisposable.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync();
        _kit.Dispose();
    }

    private InferenceWorker Worker(string id, IInferenceEngine engine, TimeSpan? timeout = null) =>
        new(id, "sim", [engine], m => m.CreateFilter(), _scheduler, 0, timeout ?? TimeSpan.FromSeconds(5), NullLogger.Instance);

    // Offers frames one by one, each as soon as a worker took the previous one.
    private async Task OfferAsync(int first, int last)
    {
        for (var n = first; n <= last; n++)
        {
            Frame? frame;
            while ((frame = _frames.TryRent(16, 16)) is null)
            {
                await Task.Delay(5);
            }

            // One frame at a time, each once the previous was taken: this test is about workers, not about dropping.
            // Fresh dispatches only: a re-queued frame handed out again must not count as this one being taken.
            var dispatched = _scheduler.Dispatched - _scheduler.Requeued;
            frame.Rent(n, DateTime.UtcNow, System.Diagnostics.Stopwatch.GetTimestamp());
            _scheduler.Offer(frame);
            await Eventually(() => _scheduler.Dispatched - _scheduler.Requeued > dispatched, () => $"frame {n} was never taken");
        }
    }

    private static async Task Eventually(Func<bool> condition, Func<string>? explain = null)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"condition not met in 15 s {explain?.Invoke()}");
            await Task.Delay(10);
        }
    }

    /// <summary>A device that answers a few requests, then reports that it is gone.</summary>
    private sealed class FailingEngine(SchedulingKit kit, int failAfter) : IInferenceEngine
    {
        private int _runs;

        public string Device => "broken";

        public ModelDefinition Model => kit.Model;

        public PreprocessSpec Input => kit.Model.Preprocess;

        public IReadOnlyList<TensorDescription> Outputs => kit.Outputs;

        public int MaxRequests => 1;

        public IInferenceRequest CreateRequest() => new Request(this);

        public void Dispose()
        {
        }

        private sealed class Request(FailingEngine engine) : IInferenceRequest
        {
            public TensorBuffer Input { get; } = new(TensorElementType.Float32, [1, 3, 8, 8]);

            public IReadOnlyList<OutputTensor> Outputs { get; } = [new OutputTensor("output", [1, 5])];

            public void Run(TimeSpan timeout)
            {
                Thread.Sleep(20);
                if (Interlocked.Increment(ref engine._runs) > engine.Count)
                {
                    throw new DeviceLostException("Failed to queue inference: NC_ERROR");
                }
            }

            public void Abort()
            {
            }

            public void Dispose()
            {
            }
        }

        private int Count => failAfter;
    }
}
