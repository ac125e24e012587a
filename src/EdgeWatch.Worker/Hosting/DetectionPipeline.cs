using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Hosting;

/// <summary>
/// The daemon's main loop put together: a reader per camera feeding the frame scheduler, the worker pool serving it, the
/// CPU worker supply, and the sinks results are published to.
/// </summary>
public sealed partial class DetectionPipeline : IAsyncDisposable
{
    /// <summary>Most frame buffers per camera: the waiting frame, frames in flight and in re-ordering, a snapshot.</summary>
    private const int FramesPerCamera = 48;

    private readonly ILogger _logger;
    private readonly List<CameraReader> _cameras = [];
    private readonly Dictionary<ModelDefinition, DetectionFilter> _filters = [];

    public DetectionPipeline(DaemonSettings settings, IEngineFactory cpuEngines, ResultFanout sink, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        _logger = loggers.CreateLogger<DetectionPipeline>();
        Settings = settings;
        Scheduler = new FrameScheduler(settings.Scheduler);
        Pool = new WorkerPool(Scheduler, loggers.CreateLogger<WorkerPool>());
        Models = [.. settings.Models.Values.Distinct()];
        foreach (var model in Models)
        {
            // Cameras may ask for lower thresholds than the model's: decode down to the lowest, cameras filter the rest.
            var lowest = settings.Cameras.Where(c => settings.Models[c.Key] == model).Select(c => c.Value.Threshold).Min();
            _filters[model] = model.CreateFilter(lowest is { } t ? Math.Min(t, model.Manifest.Thresholds.Score) : null);
        }

        foreach (var (name, source) in settings.Sources)
        {
            var camera = settings.Cameras[name];
            var reader = new CameraReader(source, new FramePool(name, FramesPerCamera), Scheduler.Offer, loggers.CreateLogger($"EdgeWatch.Camera.{name}"),
                settings.Node.Ffmpeg, source.ReadOnDemand ? ct => Scheduler.WaitForRoom(name, ct) : null);
            Scheduler.AddCamera(name, settings.Models[name], reader.Status, sink, camera.DetectFps, camera.Labels, camera.Threshold);
            _cameras.Add(reader);
        }

        Cpu = new CpuWorkerSupply(Pool, cpuEngines, Models, FilterFor, Scheduler, settings, loggers);
    }

    public DaemonSettings Settings { get; }

    public FrameScheduler Scheduler { get; }

    public WorkerPool Pool { get; }

    public CpuWorkerSupply Cpu { get; }

    /// <summary>The distinct models the cameras use.</summary>
    public IReadOnlyList<ModelDefinition> Models { get; }

    public IReadOnlyList<CameraReader> Cameras => _cameras;

    /// <summary>The detection filter a worker uses for <paramref name="model"/>.</summary>
    public DetectionFilter FilterFor(ModelDefinition model) => _filters.TryGetValue(model, out var filter) ? filter : model.CreateFilter();

    /// <summary>Runs cameras and CPU workers until <paramref name="stopping"/>; then stops reading.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        Log.Starting(_logger, _cameras.Count, Models.Count);
        var tasks = _cameras.Select(c => Task.Run(() => c.RunAsync(stopping), CancellationToken.None)).ToList();
        tasks.Add(Task.Run(() => Cpu.RunAsync(stopping), CancellationToken.None));
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Stops the workers (in-flight frames get a few seconds) and drops waiting frames.</summary>
    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync().ConfigureAwait(false);
        Scheduler.Clear();
        Cpu.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline starting: {Cameras} camera(s), {Models} model(s)")]
        public static partial void Starting(ILogger logger, int cameras, int models);
    }
}
