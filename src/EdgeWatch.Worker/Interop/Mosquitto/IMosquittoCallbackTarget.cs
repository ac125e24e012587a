namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>
/// Receives libmosquitto's callbacks, already decoded from native types. They run inside the library (with one of
/// its mutexes held) on the thread that called mosquitto_loop, except the log callback, which also runs on any
/// thread calling mosquitto_publish or mosquitto_subscribe: record facts, never block, never call back into code
/// that waits for the loop.
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

    /// <summary>
    /// Whether <see cref="OnLog"/> wants lines of this level. Asked before the line is decoded: libmosquitto logs
    /// every packet at debug level, on the publishing thread, and decoding it would allocate on the hot path.
    /// </summary>
    bool WantsLog(MosquittoLogLevel level);

    /// <summary>A log line from the library (any thread, see the type's remarks).</summary>
    void OnLog(MosquittoLogLevel level, string message);

    /// <summary>A callback threw; the exception never crosses into C.</summary>
    void OnCallbackFailed(string callback, Exception exception);
}
