using System.Buffers;
using System.Text.Json;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Mqtt;

namespace EdgeWatch.Worker.Publishing;

/// <summary>
/// Publishes each processed frame's detections to <c>&lt;prefix&gt;/&lt;node&gt;/&lt;camera&gt;/detections</c> (QoS 0, not
/// retained): camera, frame number, time, size, model, device, inference time and the labelled boxes in frame pixels.
/// Allocation-free per frame: each camera reuses its topic and its JSON buffer (the scheduler never publishes two results
/// of one camera at once).
/// </summary>
public sealed class DetectionPublisher(MqttConnection connection, DaemonSettings settings) : IDetectionSink
{
    private static readonly JsonEncodedText Camera = JsonEncodedText.Encode("camera");
    private static readonly JsonEncodedText FrameName = JsonEncodedText.Encode("frame");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText Width = JsonEncodedText.Encode("width");
    private static readonly JsonEncodedText Height = JsonEncodedText.Encode("height");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Device = JsonEncodedText.Encode("device");
    private static readonly JsonEncodedText InferenceMs = JsonEncodedText.Encode("inference_ms");

    private readonly Dictionary<string, CameraChannel> _cameras = settings.Cameras.Keys.ToDictionary(
        name => name, name => new CameraChannel($"{settings.TopicRoot}/{name}/detections"), StringComparer.Ordinal);

    public void Publish(DetectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Detections.Count == 0 && !settings.Mqtt.PublishEmptyFrames)
        {
            return;
        }

        var channel = _cameras[result.Camera];
        channel.Buffer.ResetWrittenCount();
        var writer = channel.Writer;
        writer.Reset(channel.Buffer);
        writer.WriteStartObject();
        writer.WriteString(Camera, result.Camera);
        writer.WriteNumber(FrameName, result.FrameNumber);
        writer.WriteString(Timestamp, result.Timestamp);
        writer.WriteNumber(Width, result.Width);
        writer.WriteNumber(Height, result.Height);
        writer.WriteString(Model, result.Model.Name);
        writer.WriteString(Device, result.Device);
        writer.WriteNumber(InferenceMs, Math.Round(result.InferenceMilliseconds, 2));
        DetectionJson.WriteDetections(writer, result.Detections, result.Model.Labels);
        writer.WriteEndObject();
        writer.Flush();
        connection.Publish(channel.Topic, channel.Buffer.WrittenSpan, qos: 0, retain: false, MessageClass.Telemetry);
    }

    private sealed class CameraChannel(string topic)
    {
        public string Topic { get; } = topic;

        public ArrayBufferWriter<byte> Buffer { get; } = new(4096);

        public Utf8JsonWriter Writer { get; } = new(new ArrayBufferWriter<byte>(1));
    }
}
