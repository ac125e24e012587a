using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Health;

namespace EdgeWatch.Worker.HomeAssistant;

/// <summary>
/// The node's own sensors, read from its health report (<c>&lt;p&gt;/health</c>) with value templates: detection rate,
/// inference time, sticks online, pool state, CPU temperature. They tell a Home Assistant user that detection itself is
/// healthy — a dead accelerator shows up here, not as silence.
/// </summary>
internal static class NodeEntities
{
    public static IEnumerable<DiscoveryEntity> For(DaemonSettings settings)
    {
        var health = HealthPublisher.Topic(settings);
        yield return DiscoveryEntity.Sensor("detect_fps", "Detections per second", health, unit: "fps",
            valueTemplate: "{{ value_json.pool.detect_fps }}", icon: "mdi:speedometer");
        yield return DiscoveryEntity.Sensor("inference_ms", "Inference time", health, unit: "ms", deviceClass: "duration",
            valueTemplate: "{{ value_json.pool.inference_ms_p50 }}", diagnostic: true);
        yield return DiscoveryEntity.Sensor("sticks_online", "Sticks online", health,
            valueTemplate: "{{ value_json.pool.sticks_online }}", icon: "mdi:usb-flash-drive");
        yield return DiscoveryEntity.Sensor("pool_state", "Detection pool", health, stateClass: null,
            valueTemplate: "{{ value_json.pool.state }}", icon: "mdi:state-machine");
        yield return DiscoveryEntity.Sensor("cpu_temperature", "CPU temperature", health, unit: "°C", deviceClass: "temperature",
            valueTemplate: "{{ value_json.system.cpu_temperature_c }}", diagnostic: true);
    }
}
