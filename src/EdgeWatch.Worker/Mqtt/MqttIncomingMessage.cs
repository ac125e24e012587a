namespace EdgeWatch.Worker.Mqtt;

/// <summary>A message received on a subscription.</summary>
/// <param name="Topic">The topic it was published to.</param>
/// <param name="Payload">Its payload (a private copy).</param>
/// <param name="Qos">The QoS it was delivered with.</param>
/// <param name="Retain">True for a retained message sent on subscription.</param>
public sealed record MqttIncomingMessage(string Topic, ReadOnlyMemory<byte> Payload, int Qos, bool Retain);
