using System.Text.Json.Serialization;

namespace EdgeWatch.Worker.Health;

/// <summary>
/// Everything a person (or Home Assistant) needs to tell whether detection is working, and if not, why: published as
/// JSON on <c>&lt;prefix&gt;/&lt;node&gt;/health</c>.
/// </summary>
public sealed record HealthReport(
    string Version,
    string Node,
    DateTime Timestamp,
    [property: JsonPropertyName("uptime_s")] double UptimeSeconds,
    PoolHealth Pool,
    IReadOnlyList<DeviceHealth> Devices,
    IReadOnlyList<CameraHealth> Cameras,
    SystemHealth System,
    MqttHealth Mqtt);

/// <summary>The worker pool at a glance.</summary>
/// <param name="State">ok, degraded or no-workers.</param>
public sealed record PoolHealth(
    string State,
    int Workers,
    int SticksOnline,
    string CpuMode,
    bool CpuActive,
    string? CpuLastError,
    double DetectFps,
    [property: JsonPropertyName("inference_ms_p50")] double? InferenceP50);

/// <summary>One camera.</summary>
public sealed record CameraHealth(
    string Name,
    string Source,
    string State,
    string? LastError,
    int? Width,
    int? Height,
    double CameraFps,
    double DetectFps,
    double DroppedFps,
    long Reconnects,
    [property: JsonPropertyName("last_frame_age_s")] double? LastFrameAgeSeconds);

/// <summary>The machine and the daemon process.</summary>
public sealed record SystemHealth(
    int Cores,
    double? CpuPercent,
    double? ProcessCpuPercent,
    [property: JsonPropertyName("cpu_temperature_c")] double? CpuTemperatureCelsius,
    IReadOnlyList<double> Load,
    [property: JsonPropertyName("rss_mb")] double RssMegabytes);

/// <summary>The broker connection.</summary>
public sealed record MqttHealth(
    bool Connected, string State, string? LastError, long ConnectAttempts, long Queued, long QueuedBytes, long Dropped, long Reconnects);

/// <summary>JSON names for the health report: snake_case, nulls kept (a missing temperature is information).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
