namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>
/// Receives libmosquitto's callbacks, already decoded from native types. Every method runs on the thread that
/// called mosquitto_loop, inside the library (with its callback mutex held): record facts, never block, never call
/// back into code that waits for the loop.
/// </summary>
internal interface IMosquittoCallbackTarget
{
    /// <summary>CONNACK received; <paramref name="resultCode"/> is the CONNACK code (v3.1.1) or reason code (v5).</summary>
    void OnConnect(int resultCode);

    /// <summary>The connection closed; 0 after our own disconnect, otherwise a MOSQ_ERR_* and the errno seen then.</summary>
    void OnDisconnect(int resultCode, int errno);

    /// <summary>A QoS 0 message was written to the socket, or a QoS 1/2 message was acknowledged.</summary>
    void OnPublish(int messageId);

    /// <summary>A message arrived; the payload span is valid only during the call.</summary>
    void OnMessage(string topic, ReadOnlySpan<byte> payload, int qos, bool retain);

    /// <summary>SUBACK received with the granted QoS per filter (0x80 = refused).</summary>
    void OnSubscribe(int messageId, ReadOnlySpan<int> grantedQos);

    /// <summary>A log line from the library.</summary>
    void OnLog(MosquittoLogLevel level, string message);

    /// <summary>A callback threw; the exception never crosses into C.</summary>
    void OnCallbackFailed(string callback, Exception exception);
}
