using System.Buffers.Text;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tracking;

namespace EdgeWatch.Worker.Publishing;

/// <summary>
/// Publishes, per camera and counted label, how many are in view: <c>&lt;p&gt;/&lt;camera&gt;/&lt;label&gt;/count</c>
/// (a number) and <c>&lt;p&gt;/&lt;camera&gt;/&lt;label&gt;/detected</c> (<c>ON</c>/<c>OFF</c>), both retained, QoS 1,
/// on change (after the debounce), and all again on every (re)connection and Home Assistant birth.
/// </summary>
/// <remarks>
/// Each camera's state has its own lock, held while publishing, so a re-publish from the MQTT events thread can never
/// overtake a newer count from a worker thread on the way to the broker.
/// </remarks>
public sealed class CountPublisher : IDetectionSink, IRetainedStateSource
{
    private static readonly byte[] On = "ON"u8.ToArray();
    private static readonly byte[] Off = "OFF"u8.ToArray();

    private readonly MqttConnection _connection;
    private readonly Dictionary<string, CameraCounts> _cameras = new(StringComparer.Ordinal);

    public CountPublisher(MqttConnection connection, DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _connection = connection;
        foreach (var (camera, labels) in settings.CountedLabels)
        {
            var model = settings.Models[camera];
            var counter = new ObjectCounter([.. labels.Select(model.Labels.IndexOf)], settings.Tracking.CountDebounceFrames);
            _cameras[camera] = new CameraCounts(
                counter,
                [.. labels.Select(l => CountTopic(settings, camera, l))],
                [.. labels.Select(l => DetectedTopic(settings, camera, l))]);
        }
    }

    /// <summary>The count topic of a camera's label: <c>&lt;p&gt;/&lt;camera&gt;/&lt;label&gt;/count</c>.</summary>
    public static string CountTopic(DaemonSettings settings, string camera, string label) =>
        $"{(settings ?? throw new ArgumentNullException(nameof(settings))).TopicRoot}/{camera}/{NodeOptions.TopicSafe(label)}/count";

    /// <summary>The occupancy topic of a camera's label: <c>&lt;p&gt;/&lt;camera&gt;/&lt;label&gt;/detected</c>.</summary>
    public static string DetectedTopic(DaemonSettings settings, string camera, string label) =>
        $"{(settings ?? throw new ArgumentNullException(nameof(settings))).TopicRoot}/{camera}/{NodeOptions.TopicSafe(label)}/detected";

    public void Publish(DetectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!_cameras.TryGetValue(result.Camera, out var camera) || camera.Counter.Slots == 0)
        {
            return;
        }

        lock (camera)
        {
            camera.Changed.Clear();
            camera.Counter.Update(result.Detections.AsReadOnlySpan(), camera.Changed);
            foreach (var slot in camera.Changed)
            {
                PublishSlot(camera, slot, force: false);
            }
        }
    }

    public void PublishRetainedStates()
    {
        foreach (var camera in _cameras.Values)
        {
            lock (camera)
            {
                for (var slot = 0; slot < camera.Counter.Slots; slot++)
                {
                    PublishSlot(camera, slot, force: true);
                }
            }
        }
    }

    private void PublishSlot(CameraCounts camera, int slot, bool force)
    {
        var count = camera.Counter.Published(slot);
        Span<byte> text = stackalloc byte[11];
        Utf8Formatter.TryFormat(count, text, out var length);
        _connection.Publish(camera.CountTopics[slot], text[..length], qos: 1, retain: true, MessageClass.State);
        var detected = count > 0;
        if (force || detected != camera.Detected[slot])
        {
            camera.Detected[slot] = detected;
            _connection.Publish(camera.DetectedTopics[slot], detected ? On : Off, qos: 1, retain: true, MessageClass.State);
        }
    }

    private sealed class CameraCounts(ObjectCounter counter, string[] countTopics, string[] detectedTopics)
    {
        public ObjectCounter Counter { get; } = counter;

        public string[] CountTopics { get; } = countTopics;

        public string[] DetectedTopics { get; } = detectedTopics;

        public bool[] Detected { get; } = new bool[countTopics.Length];

        public List<int> Changed { get; } = [];
    }
}
