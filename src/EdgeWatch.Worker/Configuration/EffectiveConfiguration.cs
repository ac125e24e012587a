using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EdgeWatch.Pipeline.Cameras;
using Microsoft.Extensions.Configuration;

namespace EdgeWatch.Worker.Configuration;

/// <summary>
/// The settings the daemon will run with — file, environment and <c>--set</c> merged, defaults filled in — as JSON in
/// the configuration's own shape (it reads back as a configuration file), with secrets masked: the MQTT password and
/// passwords in camera URLs.
/// </summary>
public static class EffectiveConfiguration
{
    public const string Mask = "***";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Computed values (EffectiveName, EffectiveThreadsPerWorker) are not settings: leave them out so the output reads back.
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static JsonObject Render(DaemonSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        var cameras = new JsonObject();
        foreach (var (name, camera) in settings.Cameras)
        {
            var node = Serialize(camera);
            if (settings.Sources.TryGetValue(name, out var source) && source.Kind == CameraSourceKind.Network)
            {
                node["Source"] = source.Describe();
            }

            cameras[name] = node;
        }

        var onnxRuntime = Serialize(settings.OnnxRuntime);
        onnxRuntime.Remove(nameof(settings.OnnxRuntime.IntraOpThreads)); // the daemon's is Cpu:ThreadsPerWorker
        var mqtt = Serialize(settings.Mqtt);
        if (!string.IsNullOrEmpty(settings.Mqtt.Password))
        {
            mqtt[nameof(settings.Mqtt.Password)] = Mask;
        }

        return new JsonObject
        {
            ["Node"] = Serialize(settings.Node),
            ["Cameras"] = cameras,
            ["Cpu"] = Serialize(settings.Cpu),
            ["Inference"] = Serialize(settings.Inference),
            ["Scheduler"] = Serialize(settings.Scheduler),
            ["OnnxRuntime"] = onnxRuntime,
            ["Mqtt"] = mqtt,
            ["Logging"] = Section(configuration.GetSection("Logging")),
        };
    }

    public static string ToJson(JsonObject rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        return rendered.ToJsonString(Json);
    }

    private static JsonObject Serialize<T>(T options) => JsonSerializer.SerializeToNode(options, Json)!.AsObject();

    // Logging is bound by Microsoft.Extensions.Logging itself, not into an options class: copy the section as written.
    private static JsonObject Section(IConfigurationSection section)
    {
        var node = new JsonObject();
        foreach (var child in section.GetChildren())
        {
            node[child.Key] = child.Value is { } value ? JsonValue.Create(value) : Section(child);
        }

        return node;
    }
}
