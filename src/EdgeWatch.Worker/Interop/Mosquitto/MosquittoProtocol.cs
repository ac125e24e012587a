namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>The MQTT_PROTOCOL_* values for <see cref="MosquittoOption.ProtocolVersion"/>.</summary>
internal static class MosquittoProtocol
{
    internal const int V311 = 4;     // MQTT_PROTOCOL_V311
    internal const int V5 = 5;       // MQTT_PROTOCOL_V5
}
