using System.Diagnostics;
using System.Reflection;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Hosting;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Sticks;

namespace EdgeWatch.Worker.Health;

/// <summary>Puts the health report together from the live parts of the daemon.</summary>
public sealed class HealthMonitor(DetectionPipeline pipeline, StickSupervisor sticks, MqttConnection mqtt, DaemonSettings settings)
{
    private static readonly long Started = Stopwatch.GetTimestamp();
    private readonly SystemStats _system = new(settings.Devices.SysfsRoot);
    private readonly Lock _gate = new();

    /// <summary>EdgeWatch's version, as packaged.</summary>
    public static string Version { get; } =
        typeof(HealthMonitor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>A fresh report (CPU percentages are since the previous report).</summary>
    public HealthReport Read()
    {
        lock (_gate)
        {
            var devices = Devices();
            var cameras = pipeline.Cameras.Select(c => Camera(c.Status)).ToList();
            var detectFps = cameras.Sum(c => c.DetectFps);
            var serving = devices.Where(d => d.State == "ready" && d.InferenceP50 is not null).ToList();
            var pool = new PoolHealth(
                Kebab(sticks.PoolState.ToString()),
                pipeline.Pool.Count,
                sticks.SticksServing,
                settings.Cpu.Mode.ToString().ToLowerInvariant(),
                pipeline.Pool.Workers.Any(w => w.Kind == "cpu"),
                pipeline.Cpu.LastError,
                Math.Round(detectFps, 2),
                serving.Count == 0 ? null : Math.Round(serving.Average(d => d.InferenceP50!.Value), 2));
            var status = mqtt.Status;
            var broker = new MqttHealth(
                status.Connected, status.State.ToString().ToLowerInvariant(), status.LastError, status.ConnectAttempts, status.QueuedMessages, status.QueuedBytes,
                status.Dropped, status.Reconnects);
            return new HealthReport(
                Version, settings.Node.EffectiveName, DateTime.UtcNow, Math.Round(Stopwatch.GetElapsedTime(Started).TotalSeconds),
                pool, devices, cameras, _system.Read(), broker);
        }
    }

    private List<DeviceHealth> Devices()
    {
        var devices = new List<DeviceHealth>(sticks.Sticks);
        foreach (var worker in pipeline.Pool.Workers.Where(w => w.Kind == "cpu"))
        {
            var status = worker.Status;
            devices.Add(new DeviceHealth(
                worker.Id, "cpu", null, worker.Device, "ready", status.InFlight, status.Completed, status.Errors, 0,
                Round(status.Inference.Percentile(50)), Round(status.Inference.Percentile(95)), null, status.LastError));
        }

        if (pipeline.Cpu.Wanted && !devices.Any(d => d.Kind == "cpu") && pipeline.Cpu.LastError is { } error)
        {
            devices.Add(new DeviceHealth("cpu", "cpu", null, "cpu", "failed", 0, 0, 0, 0, null, null, null, error));
        }

        return devices;
    }

    private static CameraHealth Camera(CameraStatus status) => new(
        status.Name,
        status.Source,
        status.State.ToString().ToLowerInvariant(),
        status.LastError,
        status.Size.Width > 0 ? status.Size.Width : null,
        status.Size.Height > 0 ? status.Size.Height : null,
        Math.Round(status.Frames.PerSecond, 2),
        Math.Round(status.Detected.PerSecond, 2),
        Math.Round(status.Dropped.PerSecond, 2),
        status.Restarts,
        status.LastFrameAge is { } age ? Math.Round(age.TotalSeconds, 2) : null);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    private static string Kebab(string name) => name switch
    {
        nameof(PoolState.NoWorkers) => "no-workers",
        _ => name.ToLowerInvariant(),
    };
}
