using EdgeWatch.Worker.Interop.Mosquitto;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>Publishing: the direct path to libmosquitto while connected, the bounded outbox otherwise.</summary>
public sealed partial class MqttConnection
{
    /// <summary>
    /// Most QoS 1/2 messages libmosquitto may hold unacknowledged. Past it, messages wait in the (bounded) outbox:
    /// libmosquitto's own queue is unbounded and is re-sent whole after a reconnect.
    /// </summary>
    internal const int LibraryHoldLimit = 100;

    private const int MaxPayloadLength = 268_435_455; // MQTT's limit

    private readonly Lock _outboxLock = new();
    private readonly MqttOutbox _outbox;
    private readonly InFlightLedger _ledger = new();

    // Written by the network thread (and its callbacks), read by publishers under _outboxLock.
    // _linkUp: the broker accepted the session. _open: the post-connect sequence is done and the outbox was empty,
    // so publishers may go straight to libmosquitto without overtaking queued messages.
    private volatile bool _linkUp;
    private volatile bool _open;

    private enum HandOver
    {
        Accepted,
        NotConnected,
        Rejected,
    }

    /// <summary>
    /// Publishes a message. While connected it goes straight to libmosquitto (which copies the payload); otherwise it
    /// waits in the bounded outbox and is sent, in order, after the next connection.
    /// </summary>
    /// <param name="topic">Topic name (no wildcards). Repeated topics are encoded once and cached.</param>
    /// <param name="payload">Payload bytes; copied before this returns.</param>
    /// <param name="qos">0, 1 or 2.</param>
    /// <param name="retain">Ask the broker to retain it.</param>
    /// <param name="messageClass">What to drop first when the outbox is full; see <see cref="MessageClass"/>.</param>
    /// <exception cref="ArgumentException">Invalid topic, QoS, class or payload size.</exception>
    /// <exception cref="MqttException">libmosquitto rejected the message.</exception>
    /// <exception cref="ObjectDisposedException">The connection was disposed.</exception>
    public void Publish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain, MessageClass messageClass)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(qos);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qos, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxPayloadLength, nameof(payload));
        if (messageClass is not (MessageClass.Telemetry or MessageClass.State or MessageClass.Event))
        {
            throw new ArgumentOutOfRangeException(nameof(messageClass), messageClass, "Unknown message class.");
        }

        byte[] topicUtf8 = _topics.GetUtf8(topic);
        lock (_outboxLock)
        {
            if (_open && _outbox.IsEmpty && _ledger.AwaitingAckCount < LibraryHoldLimit)
            {
                HandOver result = TryHandOver(topicUtf8, payload, qos, retain, out int rc, out _);
                if (result == HandOver.Accepted)
                {
                    return;
                }

                if (result == HandOver.Rejected)
                {
                    throw MosquittoStatus.Failure("mosquitto_publish", rc);
                }

                // NotConnected: the connection dropped under us; keep the message for the next one.
            }

            _outbox.Enqueue(topic, topicUtf8, payload, qos, retain, messageClass);
        }
    }

    /// <summary>Hands one message to libmosquitto and records it in the ledger. Call under _outboxLock.</summary>
    private unsafe HandOver TryHandOver(byte[] topicUtf8, ReadOnlySpan<byte> payload, int qos, bool retain, out int rc, out int mid)
    {
        int messageId = 0;
        fixed (byte* topic = topicUtf8)
        fixed (byte* data = payload)
        {
            rc = Libmosquitto.mosquitto_publish(_handle, &messageId, topic, payload.Length, data, qos, retain);
        }

        mid = messageId;
        // A QoS 1/2 message is queued inside libmosquitto before it tries to send, so MOSQ_ERR_NO_CONN still means
        // "accepted": the library re-sends it after the next CONNACK. A QoS 0 message is simply not sent.
        if (rc == (int)MosquittoError.Success || (rc == (int)MosquittoError.NoConnection && qos > 0))
        {
            _ledger.Accepted(messageId, qos);
            return HandOver.Accepted;
        }

        return rc is (int)MosquittoError.NoConnection or (int)MosquittoError.ConnectionLost
            ? HandOver.NotConnected
            : HandOver.Rejected;
    }

    /// <summary>Network thread: sends queued messages in order while connected and libmosquitto has room.</summary>
    private void FlushOutbox()
    {
        lock (_outboxLock)
        {
            while (_linkUp && _ledger.AwaitingAckCount < LibraryHoldLimit && _outbox.Peek() is { } entry)
            {
                HandOver result = TryHandOver(entry.TopicUtf8, entry.PayloadSpan, entry.Qos, entry.Retain, out int rc, out _);
                if (result == HandOver.NotConnected)
                {
                    return;
                }

                if (result == HandOver.Rejected)
                {
                    MqttLog.QueuedMessageRejected(_logger, entry.Topic, MosquittoStatus.Describe(rc));
                }

                _outbox.RemoveOldest(entry);
            }

            if (_linkUp && _outbox.IsEmpty)
            {
                _open = true;
            }
        }
    }

    /// <summary>Network thread: publishes a message outside the outbox (availability); returns its id or -1.</summary>
    private int PublishDirect(byte[] topicUtf8, byte[] payload, int qos, bool retain)
    {
        lock (_outboxLock)
        {
            return TryHandOver(topicUtf8, payload, qos, retain, out _, out int mid) == HandOver.Accepted ? mid : -1;
        }
    }
}
