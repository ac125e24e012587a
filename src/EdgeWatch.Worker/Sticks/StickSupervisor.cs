using System.Diagnostics;
using System.Threading.Channels;
using EdgeWatch.Devices.Monitoring;
using EdgeWatch.Devices.Sticks;
using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Health;
using EdgeWatch.Worker.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Sticks;

/// <summary>
/// Scales the worker pool with the sticks on the USB bus: one worker per usable stick, booted one at a time with a
/// stagger; a stick that fails (boot, compile, inference, a hung request) is retried with a backoff and quarantined after
/// too many failures in a row, until it is re-plugged. While no stick serves, the CPU stands in (Cpu:Mode Fallback).
/// </summary>
/// <remarks>
/// Every decision happens on one loop fed by the stick monitor, the pool and timers, so the state needs no locks beyond
/// the snapshot health reads. Boots run off the loop (compiling onto a stick takes seconds) and report back to it.
/// </remarks>
public sealed partial class StickSupervisor : IAsyncDisposable
{
    private readonly StickMonitor _monitor;
    private readonly WorkerPool _pool;
    private readonly CpuWorkerSupply _cpu;
    private readonly IStickEngineFactory _engines;
    private readonly IReadOnlyList<ModelDefinition> _models;
    private readonly Func<ModelDefinition, DetectionFilter> _filters;
    private readonly FrameScheduler _scheduler;
    private readonly SticksOptions _options;
    private readonly DaemonSettings _settings;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Channel<Message> _inbox = Channel.CreateBounded<Message>(new BoundedChannelOptions(4096) { SingleReader = true });
    private readonly Dictionary<string, StickSlot> _sticks = new(StringComparer.Ordinal);
    private readonly Lock _snapshotGate = new();
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<DeviceHealth> _snapshot = [];
    private bool _booting;
    private long _nextBootAllowed;
    private Task? _loop;
    private int _disposed;

    public StickSupervisor(
        StickMonitor monitor,
        DetectionPipeline pipeline,
        IStickEngineFactory engines,
        DaemonSettings settings,
        SticksOptions options,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _monitor = monitor;
        _pool = pipeline.Pool;
        _cpu = pipeline.Cpu;
        _engines = engines;
        _models = pipeline.Models;
        _filters = pipeline.FilterFor;
        _scheduler = pipeline.Scheduler;
        _options = options;
        _settings = settings;
        _loggers = loggers;
        _logger = loggers.CreateLogger<StickSupervisor>();
        _pool.WorkerRetired += (worker, error) =>
        {
            if (worker.Kind == "ncs2")
            {
                _inbox.Writer.TryWrite(new WorkerRetired(worker, error));
            }
        };
    }

    /// <summary>Every stick seen, with its state and figures (a copy, safe from any thread).</summary>
    public IReadOnlyList<DeviceHealth> Sticks
    {
        get
        {
            lock (_snapshotGate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>Raised (on the supervisor's loop) when a stick appears, changes state or is gone for good.</summary>
    public event Action? SticksChanged;

    /// <summary>How many sticks are serving frames now.</summary>
    public int SticksServing => Sticks.Count(s => s.State == "ready");

    /// <summary>The pool at a glance: ok, degraded (CPU standing in, or a stick in trouble) or no workers.</summary>
    public PoolState PoolState
    {
        get
        {
            if (_pool.Count == 0)
            {
                return PoolState.NoWorkers;
            }

            var sticks = Sticks;
            var troubled = sticks.Any(s => s.State is "failed" or "quarantined" or "unavailable");
            var fallback = _settings.Cpu.Mode == CpuMode.Fallback && !sticks.Any(s => s.State == "ready");
            return troubled || fallback ? PoolState.Degraded : PoolState.Ok;
        }
    }

    /// <summary>Starts watching the monitor's events (the monitor itself is started by its owner).</summary>
    public void Start()
    {
        var subscription = _monitor.Subscribe();
        _ = Task.Run(() => PumpAsync(subscription, _stop.Token));
        _ = Task.Run(() => TickAsync(_stop.Token));
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    // Twice a second: fresh health figures, and the CPU decision once a new stick has served its first frame.
    private async Task TickAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                _inbox.Writer.TryWrite(new Tick());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops deciding; the pool (and the stick workers in it) is stopped by the pipeline.</summary>
    public async ValueTask DisposeAsync()
    {
        // Disposed by its service at stop, then again by the container.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.SlowStop(_logger);
            }
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(StickSubscription subscription, CancellationToken stopping)
    {
        using (subscription)
        {
            try
            {
                await foreach (var change in subscription.ReadAllAsync(stopping).ConfigureAwait(false))
                {
                    await _inbox.Writer.WriteAsync(new StickChanged(change), stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (StickEventsOverflowException)
            {
                // Too far behind the monitor: start again from its current inventory.
                if (!stopping.IsCancellationRequested)
                {
                    _ = Task.Run(() => PumpAsync(_monitor.Subscribe(), stopping), stopping);
                }
            }
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        Publish();
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (_inbox.Reader.TryRead(out var message))
                {
                    Handle(message);
                }

                BootNextIfDue();
                UpdateCpu();
                Publish();
            }
        }
        catch (OperationCanceledException)
        {
            Log.Cancelled(_logger);
        }
    }

    private void Handle(Message message)
    {
        switch (message)
        {
            case StickChanged { Change: var change }:
                OnStickChanged(change);
                break;
            case BootFinished finished:
                OnBootFinished(finished);
                break;
            case WorkerRetired retired:
                OnWorkerRetired(retired.Worker, retired.Error);
                break;
            case RetryDue { Port: var port } when _sticks.TryGetValue(port, out var slot) && slot.State == StickState.Failed:
                slot.State = StickState.Waiting;
                break;
            default:
                break;
        }
    }

    private void OnStickChanged(StickEvent change)
    {
        var port = change.Port;
        if (change.Kind == StickEventKind.Removed)
        {
            if (_sticks.Remove(port, out var gone))
            {
                Log.Unplugged(_logger, port);
                if (gone.Worker is { } worker)
                {
                    _pool.Remove(worker, "stick unplugged");
                }
            }

            return;
        }

        if (!_sticks.TryGetValue(port, out var slot))
        {
            slot = new StickSlot(change.Stick);
            _sticks[port] = slot;
            slot.State = Classify(change.Stick, out var reason);
            slot.LastError = reason;
            Log.Plugged(_logger, port, change.Stick.UsbId, slot.State);
        }
        else
        {
            // The same stick read differently, e.g. re-enumerated as booted (2485 → f63b) while its model compiles.
            slot.Stick = change.Stick;
        }
    }

    private StickState Classify(Stick stick, out string? reason)
    {
        reason = null;
        if (!stick.IsSupported)
        {
            reason = $"{stick.Model} (USB {stick.UsbId}) is not supported by OpenVINO 2022.3";
            return StickState.Unsupported;
        }

        if (!_options.Enabled)
        {
            return StickState.Disabled;
        }

        if (_engines.Unavailable is { } unavailable)
        {
            reason = unavailable.StartsWith("runtime unavailable", StringComparison.Ordinal)
                ? $"present, {unavailable}"
                : $"present, runtime unavailable: {unavailable}";
            return StickState.Unavailable;
        }

        return StickState.Waiting;
    }

    private void BootNextIfDue()
    {
        if (_booting || _models.Count == 0)
        {
            return;
        }

        var next = _sticks.Values.Where(s => s.State == StickState.Waiting).OrderBy(s => s.Stick.Port, StringComparer.Ordinal).FirstOrDefault();
        if (next is null)
        {
            return;
        }

        var wait = _nextBootAllowed - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            // Staggered: come back when the previous boot has had its distance.
            _ = PostLaterAsync(new Tick(), TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
            return;
        }

        _booting = true;
        next.State = StickState.Booting;
        var stick = next.Stick;
        Log.Booting(_logger, stick.Port, stick.OpenVinoDeviceName);
        _ = Task.Run(() => _inbox.Writer.TryWrite(Boot(stick)));
    }

    // Off the loop: compile every model onto the stick and build its worker (not yet in the pool).
    private BootFinished Boot(Stick stick)
    {
        var engines = new List<IInferenceEngine>();
        try
        {
            foreach (var model in _models)
            {
                engines.Add(_engines.Create(model, stick));
            }

            var worker = new InferenceWorker(
                engines[0].Device, "ncs2", engines, _filters, _scheduler, _options.Requests, _settings.Inference.InferenceTimeout,
                _loggers.CreateLogger($"EdgeWatch.Stick.{stick.Port}"));
            return new BootFinished(stick.Port, worker, null);
        }
        catch (Exception e) when (e is IOException or ModelLoadException or DllNotFoundException or NotSupportedException or InvalidOperationException)
        {
            foreach (var engine in engines)
            {
                engine.Dispose();
            }

            return new BootFinished(stick.Port, null, e);
        }
    }

    private void OnBootFinished(BootFinished finished)
    {
        _booting = false;
        _nextBootAllowed = Stopwatch.GetTimestamp() + (long)(_options.BootStagger.TotalSeconds * Stopwatch.Frequency);
        if (!_sticks.TryGetValue(finished.Port, out var slot) || slot.State != StickState.Booting)
        {
            // Unplugged while booting: nothing to serve with.
            finished.Worker?.Dispose();
            return;
        }

        if (finished.Worker is { } worker)
        {
            slot.Worker = worker;
            slot.State = StickState.Ready;
            slot.Name = worker.Device;
            slot.LastError = null;
            _pool.Add(worker);
            Log.Ready(_logger, slot.Stick.Port, worker.Device, worker.Requests);
            return;
        }

        Fail(slot, finished.Error!.Message, "boot");
    }

    private void OnWorkerRetired(InferenceWorker worker, Exception? error)
    {
        var slot = _sticks.Values.FirstOrDefault(s => s.Worker == worker);
        if (slot is null)
        {
            return;
        }

        slot.Remember(worker);
        slot.Worker = null;
        if (error is null)
        {
            return;
        }

        slot.Resets++;
        if (worker.Status.Completed > 0)
        {
            // It served before failing: count failures in a row from here.
            slot.Failures = 0;
        }

        Fail(slot, error.Message, "inference");
    }

    private void Fail(StickSlot slot, string reason, string stage)
    {
        slot.Failures++;
        slot.LastError = reason;
        if (slot.Failures >= _options.MaxFailures)
        {
            slot.State = StickState.Quarantined;
            Log.Quarantined(_logger, slot.Stick.Port, slot.Failures, reason);
            return;
        }

        slot.State = StickState.Failed;
        var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks << Math.Min(slot.Failures - 1, 16), _options.MaximumRetryDelay.Ticks));
        Log.Failed(_logger, slot.Stick.Port, stage, reason, delay.TotalSeconds);
        _ = PostLaterAsync(new RetryDue(slot.Stick.Port), delay);
    }

    // The CPU steps aside only for a stick that has proven itself: the first inference after a boot is the real health check
    // (a failed boot can leave a stick that compiles but cannot infer), and a CPU worker costs a model load to bring back.
    private void UpdateCpu() => _cpu.SetWanted(!_sticks.Values.Any(s => s.State == StickState.Ready && s.Worker?.Status.Completed > 0));

    private void Publish()
    {
        var sticks = _sticks.Values.OrderBy(s => s.Stick.Port, StringComparer.Ordinal).Select(s => s.Health()).ToList();
        IReadOnlyList<DeviceHealth> before;
        lock (_snapshotGate)
        {
            before = _snapshot;
            _snapshot = sticks;
        }

        var changed = before.Count != sticks.Count || before.Zip(sticks).Any(p => p.First.Port != p.Second.Port || p.First.State != p.Second.State);
        if (changed)
        {
            SticksChanged?.Invoke();
        }
    }

    private async Task PostLaterAsync(Message message, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
            _inbox.Writer.TryWrite(message);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private abstract record Message;

    private sealed record StickChanged(StickEvent Change) : Message;

    private sealed record BootFinished(string Port, InferenceWorker? Worker, Exception? Error) : Message;

    private sealed record WorkerRetired(InferenceWorker Worker, Exception? Error) : Message;

    private sealed record RetryDue(string Port) : Message;

    private sealed record Tick : Message;

    /// <summary>The supervisor's record of one stick across its workers' lives.</summary>
    private sealed class StickSlot(Stick stick)
    {
        private long _completedBefore;
        private long _errorsBefore;

        public Stick Stick { get; set; } = stick;

        public StickState State { get; set; }

        public InferenceWorker? Worker { get; set; }

        public string? Name { get; set; }

        public int Failures { get; set; }

        public long Resets { get; set; }

        public string? LastError { get; set; }

        /// <summary>Keeps a retired worker's counts, so the stick's totals survive its resets.</summary>
        public void Remember(InferenceWorker worker)
        {
            _completedBefore += worker.Status.Completed;
            _errorsBefore += worker.Status.Errors;
        }

        public DeviceHealth Health()
        {
            var worker = Worker;
            var status = worker?.Status;
            double? temperature = null;
            if (worker is not null)
            {
                foreach (var engine in worker.Engines)
                {
                    if (engine is IThermalSensor sensor && sensor.ReadTemperature() is { } celsius)
                    {
                        temperature = celsius;
                        break;
                    }
                }
            }

            return new DeviceHealth(
                Stick.Port,
                Stick.Model == StickModel.Ncs2 ? "ncs2" : "ncs1",
                Stick.Port,
                Name ?? Stick.OpenVinoDeviceName,
                State.ToString().ToLowerInvariant(),
                status?.InFlight ?? 0,
                _completedBefore + (status?.Completed ?? 0),
                _errorsBefore + (status?.Errors ?? 0) + Failures,
                Resets,
                status?.Inference.Percentile(50),
                status?.Inference.Percentile(95),
                temperature,
                LastError);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Stick at {Port} ({UsbId}) plugged: {State}")]
        public static partial void Plugged(ILogger logger, string port, string usbId, StickState state);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Stick at {Port} unplugged")]
        public static partial void Unplugged(ILogger logger, string port);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stick at {Port}: compiling the model onto {Device}")]
        public static partial void Booting(ILogger logger, string port, string device);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stick at {Port} serving as {Device} with {Requests} request(s) in flight")]
        public static partial void Ready(ILogger logger, string port, string device, int requests);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Stick at {Port}: {Stage} failed: {Reason}; retrying in {Seconds} s")]
        public static partial void Failed(ILogger logger, string port, string stage, string reason, double seconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "Stick at {Port} quarantined after {Failures} failures in a row (last: {Reason}); re-plug it to try again")]
        public static partial void Quarantined(ILogger logger, string port, int failures, string reason);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Stick supervisor cancelled")]
        public static partial void Cancelled(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Stick supervisor did not stop within 10 s")]
        public static partial void SlowStop(ILogger logger);
    }
}
