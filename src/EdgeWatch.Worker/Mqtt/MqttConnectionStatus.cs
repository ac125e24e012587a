namespace EdgeWatch.Worker.Mqtt;

/// <summary>A consistent snapshot of an <see cref="MqttConnection"/>'s state and counters, for health reporting.</summary>
/// <param name="Connected">True while the broker has accepted the session.</param>
/// <param name="State">Connection state.</param>
/// <param name="LastError">The most recent failure, e.g. "not authorised (CONNACK 5)" or "TLS: certificate verify failed"; kept after a later success.</param>
/// <param name="LastErrorAt">When <paramref name="LastError"/> happened.</param>
/// <param name="ConnectAttempts">Connection attempts started since construction.</param>
/// <param name="Reconnects">Successful connections after the first one.</param>
/// <param name="QueuedMessages">Messages waiting in the outbox now.</param>
/// <param name="QueuedBytes">Bytes (payload plus topic) waiting in the outbox now.</param>
/// <param name="InFlight">QoS 1/2 messages handed to libmosquitto and not yet acknowledged by the broker.</param>
/// <param name="DroppedTelemetry">Telemetry messages dropped because the outbox was full.</param>
/// <param name="DroppedState">State messages dropped because the outbox was full of state and events.</param>
/// <param name="DroppedEvent">Event messages dropped because the outbox was full of state and events.</param>
/// <param name="Coalesced">Queued retained state messages replaced by a newer state for the same topic (not counted as dropped).</param>
/// <param name="IncomingDropped">Received messages dropped because handlers fell behind.</param>
public readonly record struct MqttConnectionStatus(
    bool Connected,
    MqttConnectionState State,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long ConnectAttempts,
    long Reconnects,
    int QueuedMessages,
    long QueuedBytes,
    int InFlight,
    long DroppedTelemetry,
    long DroppedState,
    long DroppedEvent,
    long Coalesced,
    long IncomingDropped)
{
    /// <summary>All messages dropped by the outbox bound, every class.</summary>
    public long Dropped => DroppedTelemetry + DroppedState + DroppedEvent;
}
