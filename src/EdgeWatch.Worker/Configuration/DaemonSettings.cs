using System.Text.RegularExpressions;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Devices.Monitoring;
using EdgeWatch.Pipeline.Inference.OpenVino;
using EdgeWatch.Worker.Health;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Sticks;
using Microsoft.Extensions.Configuration;

namespace EdgeWatch.Worker.Configuration;

/// <summary>
/// Every setting of the daemon, read from the configuration and checked before anything starts. Any problem stops the
/// start with the key named (exit code 78); unknown keys are problems too, because a typo silently ignored is a setting
/// silently not applied.
/// </summary>
public sealed partial class DaemonSettings
{
    /// <summary>The sections the configuration may have.</summary>
    public static readonly IReadOnlySet<string> Sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Node", "Cameras", "Cpu", "Inference", "Scheduler", "OnnxRuntime", "Mqtt", "Logging", "Devices", "Sticks", "OpenVino", "Health",
        "Tracking", "Snapshots", "HomeAssistant",
    };

    public NodeOptions Node { get; private init; } = new();

    public IReadOnlyDictionary<string, CameraOptions> Cameras { get; private init; } = new Dictionary<string, CameraOptions>();

    /// <summary>Each camera's parsed source.</summary>
    public IReadOnlyDictionary<string, CameraSource> Sources { get; private init; } = new Dictionary<string, CameraSource>();

    /// <summary>Each camera's model, opened (files present, labels read).</summary>
    public IReadOnlyDictionary<string, ModelDefinition> Models { get; private init; } = new Dictionary<string, ModelDefinition>();

    public CpuOptions Cpu { get; private init; } = new();

    public InferenceOptions Inference { get; private init; } = new();

    public SchedulerOptions Scheduler { get; private init; } = new();

    public OnnxRuntimeOptions OnnxRuntime { get; private init; } = new();

    public MqttOptions Mqtt { get; private init; } = new();

    /// <summary>Where the USB bus is watched (section <c>Devices</c>).</summary>
    public StickMonitorOptions Devices { get; private init; } = new();

    public SticksOptions Sticks { get; private init; } = new();

    public OpenVinoOptions OpenVino { get; private init; } = new();

    public HealthOptions Health { get; private init; } = new();

    public TrackingOptions Tracking { get; private init; } = new();

    public SnapshotOptions Snapshots { get; private init; } = new();

    public HomeAssistantOptions HomeAssistant { get; private init; } = new();

    /// <summary>
    /// Each camera's counted labels (topics <c>&lt;camera&gt;/&lt;label&gt;/count</c>, Home Assistant entities), in the
    /// model's spelling: the camera's <c>Labels</c>, or when empty <see cref="TrackingOptions.EffectiveDefaultLabels"/> its model knows.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CountedLabels { get; private init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Topics start with this: <c>&lt;Mqtt:Prefix&gt;/&lt;node&gt;</c>.</summary>
    public string TopicRoot => $"{Mqtt.Prefix}/{Node.EffectiveName}";

    /// <summary>Reads and checks everything.</summary>
    /// <exception cref="ConfigurationException">Lists every problem, each with its key.</exception>
    public static DaemonSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ConfigurationProblem>();
        foreach (var section in configuration.GetChildren())
        {
            if (!Sections.Contains(section.Key))
            {
                problems.Add(new(section.Key, $"unknown section (known: {string.Join(", ", Sections.Order())})"));
            }
        }

        var node = Bind<NodeOptions>(configuration, "Node", problems);
        var cpu = Bind<CpuOptions>(configuration, "Cpu", problems);
        var inference = Bind<InferenceOptions>(configuration, "Inference", problems);
        var scheduler = Bind<SchedulerOptions>(configuration, "Scheduler", problems);
        var onnxRuntime = Bind<OnnxRuntimeOptions>(configuration, "OnnxRuntime", problems);
        if (configuration["OnnxRuntime:IntraOpThreads"] is not null)
        {
            problems.Add(new("OnnxRuntime:IntraOpThreads", "is not read by the daemon: set Cpu:ThreadsPerWorker"));
        }
        var mqtt = Bind<MqttOptions>(configuration, "Mqtt", problems);
        foreach (var failure in new MqttOptionsValidator().Validate(null, mqtt).Failures ?? [])
        {
            var space = failure.IndexOf(' ', StringComparison.Ordinal);
            problems.Add(space > 0 && failure.StartsWith("Mqtt:", StringComparison.Ordinal)
                ? new(failure[..space], failure[(space + 1)..])
                : new("Mqtt", failure));
        }

        var tracking = Bind<TrackingOptions>(configuration, "Tracking", problems);
        CheckTracking(tracking, problems);
        var snapshots = Bind<SnapshotOptions>(configuration, "Snapshots", problems);
        CheckSnapshots(snapshots, problems);
        var homeAssistant = Bind<HomeAssistantOptions>(configuration, "HomeAssistant", problems);
        CheckHomeAssistant(homeAssistant, problems);

        mqtt.AvailabilityTopic ??= $"{mqtt.Prefix}/{node.EffectiveName}/availability";

        var devices = Bind<StickMonitorOptions>(configuration, "Devices", problems);
        foreach (var failure in new StickMonitorOptionsValidator().Validate(null, devices).Failures ?? [])
        {
            var space = failure.IndexOf(' ', StringComparison.Ordinal);
            problems.Add(space > 0 && failure.StartsWith("Devices:", StringComparison.Ordinal)
                ? new(failure[..space], failure[(space + 1)..])
                : new("Devices", failure));
        }

        var sticks = Bind<SticksOptions>(configuration, "Sticks", problems);
        if (sticks.MaxFailures < 1)
        {
            problems.Add(new("Sticks:MaxFailures", $"must be at least 1, got {sticks.MaxFailures}"));
        }

        if (sticks.Requests < 0)
        {
            problems.Add(new("Sticks:Requests", $"must be 0 (the model's optimum) or more, got {sticks.Requests}"));
        }

        Positive(sticks.MaximumRetryDelay, "Sticks:MaximumRetryDelay", problems);
        if (sticks.BootStagger < TimeSpan.Zero)
        {
            problems.Add(new("Sticks:BootStagger", "must not be negative"));
        }

        var health = Bind<HealthOptions>(configuration, "Health", problems);
        Positive(health.Interval, "Health:Interval", problems);

        var openVino = Bind<OpenVinoOptions>(configuration, "OpenVino", problems);
        try
        {
            openVino.Validate();
        }
        catch (ArgumentException e)
        {
            // "OpenVino:Key: problem"
            var separator = e.Message.IndexOf(": ", StringComparison.Ordinal);
            problems.Add(separator > 0 ? new(e.Message[..separator], e.Message[(separator + 2)..]) : new("OpenVino", e.Message));
        }
        var cameras = new Dictionary<string, CameraOptions>(StringComparer.Ordinal);
        foreach (var camera in configuration.GetSection("Cameras").GetChildren())
        {
            var before = problems.Count;
            var options = Bind<CameraOptions>(configuration, $"Cameras:{camera.Key}", problems);
            if (problems.Count == before)
            {
                // A camera whose settings did not even bind is not checked further: its defaults would only add noise.
                cameras[camera.Key] = options;
            }
        }

        if (cpu.Workers < 0)
        {
            problems.Add(new("Cpu:Workers", $"must be 0 or more, got {cpu.Workers}"));
        }

        if (cpu.ThreadsPerWorker < 0)
        {
            problems.Add(new("Cpu:ThreadsPerWorker", $"must be 0 (one per core) or more, got {cpu.ThreadsPerWorker}"));
        }

        if (cpu.Mode != CpuMode.Never && cpu.Workers == 0)
        {
            problems.Add(new("Cpu:Workers", $"is 0 but Cpu:Mode is {cpu.Mode}: set Cpu:Mode to Never, or give at least one worker"));
        }

        if (cpu.OpenVinoDevice is not ("CPU" or "GPU") && !cpu.OpenVinoDevice.StartsWith("GPU.", StringComparison.Ordinal))
        {
            problems.Add(new("Cpu:OpenVinoDevice", $"must be CPU, GPU or GPU.<n>, got '{cpu.OpenVinoDevice}' (sticks are used through the Sticks section)"));
        }

        Positive(inference.InferenceTimeout, "Inference:InferenceTimeout", problems);
        Positive(scheduler.MaxFrameAge, "Scheduler:MaxFrameAge", problems);
        Positive(scheduler.ReorderTimeout, "Scheduler:ReorderTimeout", problems);

        var catalog = node.ModelDirectory is { Length: > 0 } directory ? new ModelCatalog(directory) : ModelCatalog.Default();
        var sources = new Dictionary<string, CameraSource>(StringComparer.Ordinal);
        var models = new Dictionary<string, ModelDefinition>(StringComparer.Ordinal);
        var opened = new Dictionary<string, ModelDefinition>(StringComparer.Ordinal);
        var counted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, camera) in cameras)
        {
            var key = $"Cameras:{name}";
            if (!CameraName().IsMatch(name))
            {
                problems.Add(new(key, "camera names may use letters, digits, '-' and '_' only (they become MQTT topics)"));
            }

            camera.DecoderNice ??= cpu.Mode != CpuMode.Never && cpu.EffectiveThreadsPerWorker >= 2 ? 10 : 0;
            if (CameraSource.TryParse(name, camera, out var problem) is { } source)
            {
                sources[name] = source;
            }
            else
            {
                problems.Add(new($"{key}:Source", problem!));
            }

            if (camera.DetectFps < 0)
            {
                problems.Add(new($"{key}:DetectFps", $"must be 0 (unlimited) or more, got {camera.DetectFps}"));
            }

            if (camera.Threshold is < 0 or > 1)
            {
                problems.Add(new($"{key}:Threshold", $"must be in [0, 1], got {camera.Threshold}"));
            }

            if (camera.Width is <= 0 || camera.Height is <= 0 || (camera.Width is null) != (camera.Height is null))
            {
                problems.Add(new($"{key}:Width", "Width and Height must both be positive, or both absent"));
            }

            Positive(camera.StallTimeout, $"{key}:StallTimeout", problems);
            if (camera.DecoderNice is < 0 or > 19)
            {
                problems.Add(new($"{key}:DecoderNice", $"must be in [0, 19], got {camera.DecoderNice}"));
            }

            try
            {
                if (!opened.TryGetValue(camera.Model, out var model))
                {
                    model = catalog.Open(camera.Model);
                    opened[camera.Model] = model;
                }

                models[name] = model;
                counted[name] = [.. (camera.Labels.Count > 0 ? (IEnumerable<string>)camera.Labels : tracking.EffectiveDefaultLabels)
                    .Where(l => model.Labels.IndexOf(l) >= 0).Select(l => model.Labels[model.Labels.IndexOf(l)]).Distinct()];
                var unknown = camera.Labels.Where(l => model.Labels.IndexOf(l) < 0).ToList();
                if (unknown.Count > 0)
                {
                    problems.Add(new($"{key}:Labels", $"{string.Join(", ", unknown)} not among {model.Name}'s labels"));
                }
            }
            catch (ManifestException e)
            {
                problems.Add(new($"{key}:Model", e.Message));
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return new DaemonSettings
        {
            Node = node,
            Cameras = cameras,
            Sources = sources,
            Models = models,
            Cpu = cpu,
            Inference = inference,
            Scheduler = scheduler,
            OnnxRuntime = onnxRuntime,
            Mqtt = mqtt,
            Devices = devices,
            Sticks = sticks,
            OpenVino = openVino,
            Health = health,
            Tracking = tracking,
            Snapshots = snapshots,
            HomeAssistant = homeAssistant,
            CountedLabels = counted,
        };
    }

    /// <summary>Binds a section, refusing unknown keys and unconvertible values with their key.</summary>
    public static T Bind<T>(IConfiguration configuration, string section, List<ConfigurationProblem> problems)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var unknown = UnknownSettings.Find(configuration.GetSection(section), typeof(T)).ToList();
        problems.AddRange(unknown.Select(key => new ConfigurationProblem(key, "unknown setting")));
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            problems.Add(Explain(section, e));
            return new T();
        }
    }

    private static ConfigurationProblem Explain(string section, InvalidOperationException error)
    {
        var message = error.Message;
        if (ConversionFailure().Match(message) is { Success: true } conversion)
        {
            return new(conversion.Groups["key"].Value, $"'{conversion.Groups["value"].Value}' is not a valid {Friendly(conversion.Groups["type"].Value)}");
        }

        return new(section, (error.InnerException ?? error).Message);
    }

    private static string Friendly(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "whole number",
        "System.Double" or "System.Single" => "number",
        "System.Boolean" => "true/false",
        "System.TimeSpan" => "duration (hh:mm:ss)",
        _ when type.StartsWith("System.Nullable", StringComparison.Ordinal) => "value of this kind",
        _ => type.Split('.')[^1],
    };

    private static void Positive(TimeSpan value, string key, List<ConfigurationProblem> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(new(key, $"must be a positive duration, got {value}"));
        }
    }

    private static void CheckTracking(TrackingOptions tracking, List<ConfigurationProblem> problems)
    {
        if (tracking.MinHits < 1)
        {
            problems.Add(new("Tracking:MinHits", $"must be 1 or more, got {tracking.MinHits}"));
        }

        if (tracking.MaxMisses < 0)
        {
            problems.Add(new("Tracking:MaxMisses", $"must be 0 or more, got {tracking.MaxMisses}"));
        }

        if (tracking.IoU is <= 0 or > 1 || double.IsNaN(tracking.IoU))
        {
            problems.Add(new("Tracking:IoU", $"must be in (0, 1], got {tracking.IoU}"));
        }

        if (tracking.CountDebounceFrames < 1)
        {
            problems.Add(new("Tracking:CountDebounceFrames", $"must be 1 (no debounce) or more, got {tracking.CountDebounceFrames}"));
        }

        if (tracking.UpdateIntervalFrames < 1)
        {
            problems.Add(new("Tracking:UpdateIntervalFrames", $"must be 1 or more, got {tracking.UpdateIntervalFrames}"));
        }
    }

    private static void CheckSnapshots(SnapshotOptions snapshots, List<ConfigurationProblem> problems)
    {
        Positive(snapshots.Interval, "Snapshots:Interval", problems);
        Positive(snapshots.EncodeTimeout, "Snapshots:EncodeTimeout", problems);
        if (snapshots.Quality is < 2 or > 31)
        {
            problems.Add(new("Snapshots:Quality", $"must be 2 (best) to 31 (smallest), got {snapshots.Quality}"));
        }
    }

    private static void CheckHomeAssistant(HomeAssistantOptions homeAssistant, List<ConfigurationProblem> problems)
    {
        if (!IsTopicName(homeAssistant.DiscoveryPrefix) || homeAssistant.DiscoveryPrefix.StartsWith('/') || homeAssistant.DiscoveryPrefix.EndsWith('/'))
        {
            problems.Add(new("HomeAssistant:DiscoveryPrefix", "must be a topic without wildcards or a leading or trailing '/'"));
        }

        if (homeAssistant.StatusTopic is not null && !IsTopicName(homeAssistant.StatusTopic))
        {
            problems.Add(new("HomeAssistant:StatusTopic", "must be a topic name without wildcards"));
        }

        if (homeAssistant.NodeName is { } name && string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new("HomeAssistant:NodeName", "must not be blank (leave it out to use the node name)"));
        }
    }

    private static bool IsTopicName(string? topic) =>
        !string.IsNullOrWhiteSpace(topic) && topic.IndexOfAny(['+', '#', '\0']) < 0;

    [GeneratedRegex(@"value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CameraName();
}
