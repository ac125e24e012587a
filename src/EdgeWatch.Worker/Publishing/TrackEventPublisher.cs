using System.Buffers;
using System.Text.Json;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tracking;

namespace EdgeWatch.Worker.Publishing;

/// <summary>
/// Tracks each camera's objects of its counted labels (<see cref="DaemonSettings.CountedLabels"/>: the camera's
/// <c>Labels</c>, or the default list) and publishes what happens to them on <c>&lt;p&gt;/&lt;camera&gt;/events</c> (QoS 1, not
/// retained): <c>{"type": "new"|"update"|"end", "id", "camera", "label", "score", "top_score", "box": [x1, y1, x2, y2],
/// "first_seen", "last_seen", "first_frame", "last_frame", "frames"}</c>.
/// </summary>
public sealed class TrackEventPublisher : IDetectionSink
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText CameraName = JsonEncodedText.Encode("camera");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText TopScore = JsonEncodedText.Encode("top_score");
    private static readonly JsonEncodedText Box = JsonEncodedText.Encode("box");
    private static readonly JsonEncodedText FirstSeen = JsonEncodedText.Encode("first_seen");
    private static readonly JsonEncodedText LastSeen = JsonEncodedText.Encode("last_seen");
    private static readonly JsonEncodedText FirstFrame = JsonEncodedText.Encode("first_frame");
    private static readonly JsonEncodedText LastFrame = JsonEncodedText.Encode("last_frame");
    private static readonly JsonEncodedText Frames = JsonEncodedText.Encode("frames");
    private static readonly JsonEncodedText[] Kinds =
        [JsonEncodedText.Encode("new"), JsonEncodedText.Encode("update"), JsonEncodedText.Encode("end")];

    private readonly MqttConnection _connection;
    private readonly Dictionary<string, CameraTracks> _cameras = new(StringComparer.Ordinal);

    public TrackEventPublisher(MqttConnection connection, DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _connection = connection;
        foreach (var camera in settings.Cameras.Keys)
        {
            var labels = settings.Models[camera].Labels;
            var tracked = settings.CountedLabels[camera].Select(labels.IndexOf).ToList();
            _cameras[camera] = new CameraTracks(camera, EventsTopic(settings, camera), new ObjectTracker(settings.Tracking, tracked));
        }
    }

    /// <summary>A camera's events topic: <c>&lt;p&gt;/&lt;camera&gt;/events</c>.</summary>
    public static string EventsTopic(DaemonSettings settings, string camera) =>
        $"{(settings ?? throw new ArgumentNullException(nameof(settings))).TopicRoot}/{camera}/events";

    public void Publish(DetectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var camera = _cameras[result.Camera];
        lock (camera)
        {
            camera.Events.Clear();
            camera.Tracker.Update(result.Detections.AsReadOnlySpan(), result.Model.Labels, result.FrameNumber, result.Timestamp, camera.Events);
            PublishEvents(camera);
        }
    }

    /// <summary>Ends every object still in view (the pipeline has stopped: nobody will see them leave).</summary>
    public void EndAll()
    {
        foreach (var camera in _cameras.Values)
        {
            lock (camera)
            {
                camera.Events.Clear();
                camera.Tracker.EndAll(camera.Events);
                PublishEvents(camera);
            }
        }
    }

    private void PublishEvents(CameraTracks camera)
    {
        foreach (var trackEvent in camera.Events)
        {
            camera.Buffer.ResetWrittenCount();
            var writer = camera.Writer;
            writer.Reset(camera.Buffer);
            writer.WriteStartObject();
            writer.WriteString(Type, Kinds[(int)trackEvent.Kind]);
            writer.WriteString(Id, trackEvent.Id);
            writer.WriteString(CameraName, camera.Name);
            writer.WriteString(Label, trackEvent.Label);
            writer.WriteNumber(Score, Math.Round(trackEvent.Score, 4));
            writer.WriteNumber(TopScore, Math.Round(trackEvent.TopScore, 4));
            writer.WriteStartArray(Box);
            writer.WriteNumberValue(Math.Round(trackEvent.Box.X1, 1));
            writer.WriteNumberValue(Math.Round(trackEvent.Box.Y1, 1));
            writer.WriteNumberValue(Math.Round(trackEvent.Box.X2, 1));
            writer.WriteNumberValue(Math.Round(trackEvent.Box.Y2, 1));
            writer.WriteEndArray();
            writer.WriteString(FirstSeen, trackEvent.FirstSeen);
            writer.WriteString(LastSeen, trackEvent.LastSeen);
            writer.WriteNumber(FirstFrame, trackEvent.FirstFrame);
            writer.WriteNumber(LastFrame, trackEvent.LastFrame);
            writer.WriteNumber(Frames, trackEvent.Frames);
            writer.WriteEndObject();
            writer.Flush();
            _connection.Publish(camera.Topic, camera.Buffer.WrittenSpan, qos: 1, retain: false, MessageClass.Event);
        }
    }

    private sealed class CameraTracks(string name, string topic, ObjectTracker tracker)
    {
        public string Name { get; } = name;

        public string Topic { get; } = topic;

        public ObjectTracker Tracker { get; } = tracker;

        public List<TrackEvent> Events { get; } = [];

        public ArrayBufferWriter<byte> Buffer { get; } = new(512);

        public Utf8JsonWriter Writer { get; } = new(new ArrayBufferWriter<byte>(1));
    }
}
