namespace EdgeWatch.Worker.Mqtt;

/// <summary>A remembered subscription, sent again on every new session.</summary>
internal sealed class MqttSubscription(string topicFilter, int qos, Action<MqttIncomingMessage> handler)
{
    public string TopicFilter { get; } = topicFilter;

    public int Qos { get; } = qos;

    public Action<MqttIncomingMessage> Handler { get; } = handler;

    /// <summary>The session it was last sent in; touched only by the network thread.</summary>
    public long SentInSession { get; set; }
}
