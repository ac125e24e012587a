using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Health;

namespace EdgeWatch.Worker.HomeAssistant;

/// <summary>
/// One set of sensors per stick (state, inference time, temperature), created when a stick appears and deleted in Home
/// Assistant (empty retained configuration) when the stick is gone for good — after the monitor's removal grace, so a
/// stick re-enumerating while it boots keeps its entities.
/// </summary>
public sealed class StickEntities(HomeAssistantDiscovery discovery, DaemonSettings settings)
{
    private readonly HashSet<string> _ports = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Brings the entities in line with the sticks of a health report.</summary>
    public void Sync(IReadOnlyList<DeviceHealth> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var present = devices.Where(d => d.Port is not null).Select(d => d.Port!).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var port in present.Where(p => !_ports.Contains(p)))
            {
                foreach (var entity in For(port))
                {
                    discovery.Add(entity);
                }

                _ports.Add(port);
            }

            foreach (var port in _ports.Where(p => !present.Contains(p)).ToList())
            {
                foreach (var entity in For(port))
                {
                    discovery.Remove(entity.ObjectId);
                }

                _ports.Remove(port);
            }
        }
    }

    private IEnumerable<DiscoveryEntity> For(string port)
    {
        var health = HealthPublisher.Topic(settings);
        var id = "stick_" + NodeOptions.TopicSafe(port).Replace('-', '_').Replace('.', '_');

        // Picks this stick out of the report's device list; "gone" for the moments between removal and deletion.
        string Field(string field) =>
            $"{{{{ (value_json.devices | selectattr('id', 'equalto', '{port}') | map(attribute='{field}') | list | first) | default('gone') }}}}";

        yield return DiscoveryEntity.Sensor($"{id}_state", $"Stick {port}", health, stateClass: null, valueTemplate: Field("state"),
            icon: "mdi:usb-flash-drive");
        yield return DiscoveryEntity.Sensor($"{id}_inference_ms", $"Stick {port} inference time", health, unit: "ms", deviceClass: "duration",
            valueTemplate: Field("inference_ms_p50"), diagnostic: true);
        yield return DiscoveryEntity.Sensor($"{id}_temperature", $"Stick {port} temperature", health, unit: "°C", deviceClass: "temperature",
            valueTemplate: Field("temperature_c"), diagnostic: true);
    }
}
