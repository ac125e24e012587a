namespace EdgeWatch.Worker.Mqtt;

/// <summary>Exponential backoff between connection attempts, section <c>Mqtt:ReconnectDelay</c>.</summary>
public sealed class MqttReconnectDelayOptions
{
    public TimeSpan Min { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Max { get; set; } = TimeSpan.FromSeconds(60);
}
