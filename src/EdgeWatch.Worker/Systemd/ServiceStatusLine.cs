using System.Globalization;
using System.Text;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Scheduling;

namespace EdgeWatch.Worker.Systemd;

/// <summary>
/// The one line <c>systemctl status</c> shows under "Status:", for a person: the workers by kind, each camera's rates
/// or state, the broker connection, e.g. <c>2 sticks + CPU worker ×1; camera front 25.0 fps, 9.8 detected/s; MQTT connected</c>.
/// </summary>
public static class ServiceStatusLine
{
    public static string Describe(IReadOnlyList<InferenceWorker> workers, IReadOnlyList<CameraStatus> cameras, bool mqttConnected, string? cpuError = null)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(cameras);
        var line = new StringBuilder();
        var kinds = workers.GroupBy(w => w.Kind).OrderBy(g => g.Key == "cpu" ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Workers(g.Key, g.Count())).ToList();
        line.Append(kinds.Count > 0 ? string.Join(" + ", kinds) : "no workers");
        if (kinds.Count == 0 && cpuError is { Length: > 0 })
        {
            line.Append(CultureInfo.InvariantCulture, $" (CPU: {cpuError})");
        }

        if (cameras.Count == 0)
        {
            line.Append("; no cameras configured");
        }

        foreach (var camera in cameras)
        {
            line.Append(CultureInfo.InvariantCulture, $"; camera {camera.Name} ");
            line.Append(camera.State == CameraState.Streaming
                ? string.Create(CultureInfo.InvariantCulture, $"{camera.Frames.PerSecond:0.0} fps, {camera.Detected.PerSecond:0.0} detected/s")
                : camera.State.ToString().ToLowerInvariant());
        }

        line.Append(mqttConnected ? "; MQTT connected" : "; MQTT not connected");
        return line.ToString();
    }

    private static string Workers(string kind, int count) => kind switch
    {
        "ncs2" => count == 1 ? "1 stick" : $"{count} sticks",
        "cpu" => $"CPU worker ×{count}",
        _ => $"{kind} worker ×{count}",
    };
}
