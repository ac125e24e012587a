using System.Text.Json.Serialization;

namespace EdgeWatch.Worker.Health;

/// <summary>One inference device as health reports it: a stick (present or in trouble) or a CPU worker.</summary>
/// <param name="Id">Stable id: the stick's USB port ("1-1.3") or the CPU worker's id ("cpu-1").</param>
/// <param name="Kind">"ncs2", "ncs1" or "cpu".</param>
/// <param name="Port">USB port of a stick; null for the CPU.</param>
/// <param name="Name">The runtime's name for it ("MYRIAD.1.3-ma2480", "cpu").</param>
/// <param name="State">booting, ready, failed, quarantined, unavailable, unsupported, waiting, disabled.</param>
public sealed record DeviceHealth(
    string Id,
    string Kind,
    string? Port,
    string Name,
    string State,
    long InFlight,
    long Completed,
    long Errors,
    long Resets,
    [property: JsonPropertyName("inference_ms_p50")] double? InferenceP50,
    [property: JsonPropertyName("inference_ms_p95")] double? InferenceP95,
    [property: JsonPropertyName("temperature_c")] double? TemperatureCelsius,
    string? LastError);
