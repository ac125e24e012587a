namespace EdgeWatch.Worker.Mqtt;

/// <summary>Bounds of the outbox that holds messages while the broker is unreachable, section <c>Mqtt:QueueLimit</c>.</summary>
public sealed class MqttQueueLimitOptions
{
    public int Messages { get; set; } = 1000;

    /// <summary>Payload plus topic bytes.</summary>
    public long Bytes { get; set; } = 4 * 1024 * 1024;
}
