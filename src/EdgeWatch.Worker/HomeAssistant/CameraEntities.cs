using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Publishing;
using EdgeWatch.Worker.Snapshots;

namespace EdgeWatch.Worker.HomeAssistant;

/// <summary>
/// Each camera's entities: per counted label an occupancy <c>binary_sensor</c> (<c>&lt;camera&gt;_&lt;label&gt;_occupancy</c>)
/// and a count <c>sensor</c> (<c>&lt;camera&gt;_&lt;label&gt;_count</c>); with snapshots on, an <c>image</c>
/// (<c>&lt;camera&gt;_snapshot</c>).
/// </summary>
internal static class CameraEntities
{
    public static IEnumerable<DiscoveryEntity> For(DaemonSettings settings)
    {
        foreach (var camera in settings.Cameras.Keys)
        {
            foreach (var label in settings.CountedLabels[camera])
            {
                var safe = NodeOptions.TopicSafe(label).Replace('-', '_');
                yield return DiscoveryEntity.BinarySensor(
                    $"{camera}_{safe}_occupancy", $"{camera} {label}", CountPublisher.DetectedTopic(settings, camera, label), deviceClass: "occupancy");
                yield return DiscoveryEntity.Sensor(
                    $"{camera}_{safe}_count", $"{camera} {label} count", CountPublisher.CountTopic(settings, camera, label), icon: "mdi:counter");
            }

            if (settings.Snapshots.Enabled)
            {
                yield return DiscoveryEntity.Image($"{camera}_snapshot", $"{camera} snapshot", SnapshotPublisher.SnapshotTopic(settings, camera));
            }
        }
    }
}
