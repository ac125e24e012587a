namespace EdgeWatch.Worker.Mqtt;

/// <summary>Where an <see cref="MqttConnection"/> stands, for health reporting.</summary>
public enum MqttConnectionState
{
    /// <summary>Not connected: not started yet, closed, or waiting to retry after the broker was unreachable or the connection was lost.</summary>
    Disconnected,

    /// <summary>A connection attempt is under way (TCP, TLS, CONNECT sent, waiting for CONNACK).</summary>
    Connecting,

    /// <summary>Connected: the broker accepted the session.</summary>
    Connected,

    /// <summary>
    /// The last attempt was rejected by the broker (e.g. not authorised) or by TLS (e.g. certificate verify failed).
    /// The connection keeps retrying with backoff and stays in this state until an attempt succeeds (or fails for a
    /// reason outside the broker's or TLS's control); it usually needs a configuration change.
    /// </summary>
    Failed,
}
