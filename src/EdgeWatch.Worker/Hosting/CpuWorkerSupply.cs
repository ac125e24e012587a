using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Hosting;

/// <summary>
/// Keeps the configured number of CPU workers in the pool while the CPU is wanted (always, or as the fallback while no
/// stick serves). A worker that cannot be built (a corrupt model) or that fails is rebuilt after a backoff, and the
/// reason stays visible in <see cref="LastError"/> for health.
/// </summary>
public sealed partial class CpuWorkerSupply : IDisposable
{
    private readonly WorkerPool _pool;
    private readonly IEngineFactory _engines;
    private readonly IReadOnlyList<ModelDefinition> _models;
    private readonly Func<ModelDefinition, Pipeline.Decoding.DetectionFilter> _filters;
    private readonly FrameScheduler _scheduler;
    private readonly DaemonSettings _settings;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly SemaphoreSlim _changed = new(0);
    private readonly RetryBackoff _backoff;
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _wanted;
    private volatile bool _failedRecently;
    private int _nextId;

    public CpuWorkerSupply(
        WorkerPool pool,
        IEngineFactory engines,
        IReadOnlyList<ModelDefinition> models,
        Func<ModelDefinition, Pipeline.Decoding.DetectionFilter> filters,
        FrameScheduler scheduler,
        DaemonSettings settings,
        ILoggerFactory loggers)
    {
        _pool = pool;
        _engines = engines;
        _models = models;
        _filters = filters;
        _scheduler = scheduler;
        _settings = settings;
        _loggers = loggers;
        _logger = loggers.CreateLogger<CpuWorkerSupply>();
        _backoff = new RetryBackoff(TimeSpan.FromSeconds(1), settings.Inference.MaximumRetryDelay);
        _wanted = settings.Cpu.Mode != CpuMode.Never;
        _pool.WorkerRetired += (worker, error) =>
        {
            if (worker.Kind == "cpu")
            {
                if (error is not null)
                {
                    // A worker that served for a while earns a fresh backoff; one that fails at once keeps doubling it.
                    if (worker.Status.Completed > 0)
                    {
                        _backoff.Reset();
                    }

                    LastError = error.Message;
                    _failedRecently = true;
                }

                _changed.Release();
            }
        };
    }

    /// <summary>Why the last CPU worker could not be built or failed, if it did.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Completes once the first round of building CPU workers is over (each added, or its failure recorded in
    /// <see cref="LastError"/>), or at once when none are wanted: the moment the daemon can tell systemd it is ready.
    /// </summary>
    public Task FirstAttempt => _firstAttempt.Task;

    /// <summary>Whether CPU workers should serve now.</summary>
    public bool Wanted => _wanted;

    /// <summary>Turns the CPU workers on or off (the stick supervisor's fallback switch).</summary>
    public void SetWanted(bool wanted)
    {
        if (_settings.Cpu.Mode == CpuMode.Never)
        {
            wanted = false;
        }
        else if (_settings.Cpu.Mode == CpuMode.Always)
        {
            wanted = true;
        }

        if (_wanted != wanted)
        {
            _wanted = wanted;
            _changed.Release();
        }
    }

    /// <summary>Reconciles the pool's CPU workers with what is wanted until stopped.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await ReconcileAsync(stopping).ConfigureAwait(false);
        }
        finally
        {
            _firstAttempt.TrySetResult();
        }
    }

    public void Dispose() => _changed.Dispose();

    private async Task ReconcileAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            if (_failedRecently)
            {
                // A worker just failed: do not rebuild it in a tight loop.
                _failedRecently = false;
                var pause = _backoff.Next();
                Log.Retrying(_logger, pause.TotalSeconds);
                try
                {
                    await Task.Delay(pause, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var cpu = _pool.Workers.Where(w => w.Kind == "cpu").ToList();
            // A worker needs at least one model: with no camera configured there is nothing to load.
            var target = _wanted && _models.Count > 0 ? _settings.Cpu.Workers : 0;
            foreach (var extra in cpu.Skip(target))
            {
                _pool.Remove(extra, "the CPU is not needed now");
            }

            var delay = Timeout.InfiniteTimeSpan;
            for (var i = cpu.Count; i < target; i++)
            {
                if (!TryAddWorker())
                {
                    delay = _backoff.Next();
                    Log.Retrying(_logger, delay.TotalSeconds);
                    break;
                }
            }

            _firstAttempt.TrySetResult();
            try
            {
                await _changed.WaitAsync(delay, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private bool TryAddWorker()
    {
        var engines = new List<IInferenceEngine>();
        try
        {
            foreach (var model in _models)
            {
                engines.Add(_engines.Create(model, "cpu"));
            }

            var id = $"cpu-{Interlocked.Increment(ref _nextId)}";
            var worker = new InferenceWorker(id, "cpu", engines, _filters, _scheduler, requests: 1, _settings.Inference.InferenceTimeout,
                _loggers.CreateLogger($"EdgeWatch.Worker.{id}"));
            _pool.Add(worker);
            LastError = null;
            return true;
        }
        catch (Exception e) when (e is ModelLoadException or DllNotFoundException or NotSupportedException or IOException or Pipeline.Interop.OnnxRuntime.OnnxRuntimeException)
        {
            foreach (var engine in engines)
            {
                engine.Dispose();
            }

            LastError = e.Message;
            Log.CannotStart(_logger, e.Message);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "CPU worker cannot start: {Reason}")]
        public static partial void CannotStart(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "CPU worker: next attempt in {Seconds} s")]
        public static partial void Retrying(ILogger logger, double seconds);
    }
}
