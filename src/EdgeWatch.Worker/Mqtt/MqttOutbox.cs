using System.Buffers;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>
/// The bounded queue of messages waiting for a connection, flushed in publish order.
/// </summary>
/// <remarks>
/// Drop policy when a new message would exceed the message or byte bound: drop the oldest telemetry; when no
/// telemetry is queued, a new telemetry message is itself dropped, and a new state or event message drops the oldest
/// state or event. Every drop is counted by class. A retained <see cref="MessageClass.State"/> message replaces a
/// queued older retained state on the same topic (only the newest state matters to a retained topic); that is
/// counted as coalesced, not dropped, and the newer message takes the tail position. Not thread-safe: the owner
/// serialises access.
/// </remarks>
internal sealed class MqttOutbox(int maxMessages, long maxBytes)
{
    private readonly Queue<OutboxEntry> _telemetry = new();
    private readonly LinkedList<OutboxEntry> _durable = new();
    private readonly Dictionary<string, LinkedListNode<OutboxEntry>> _retainedStates = new(StringComparer.Ordinal);
    private long _sequence;

    public int Count => _telemetry.Count + _durable.Count;

    public bool IsEmpty => Count == 0;

    public long Bytes { get; private set; }

    public long DroppedTelemetry { get; private set; }

    public long DroppedState { get; private set; }

    public long DroppedEvent { get; private set; }

    public long Coalesced { get; private set; }

    public void Enqueue(string topic, byte[] topicUtf8, ReadOnlySpan<byte> payload, int qos, bool retain, MessageClass messageClass)
    {
        long size = payload.Length + topicUtf8.Length - 1;
        if (size > maxBytes)
        {
            CountDrop(messageClass);
            return;
        }

        bool coalesces = messageClass == MessageClass.State && retain;
        if (coalesces && _retainedStates.Remove(topic, out LinkedListNode<OutboxEntry>? older))
        {
            _durable.Remove(older);
            Release(older.Value);
            Coalesced++;
        }

        while (Count >= maxMessages || Bytes + size > maxBytes)
        {
            if (_telemetry.Count > 0)
            {
                Release(_telemetry.Dequeue());
                DroppedTelemetry++;
            }
            else if (messageClass == MessageClass.Telemetry)
            {
                DroppedTelemetry++;
                return;
            }
            else
            {
                OutboxEntry oldest = _durable.First!.Value;
                RemoveDurable(_durable.First);
                CountDrop(oldest.Class);
            }
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, payload.Length));
        payload.CopyTo(buffer);
        var entry = new OutboxEntry
        {
            Topic = topic,
            TopicUtf8 = topicUtf8,
            Payload = buffer,
            Length = payload.Length,
            Qos = qos,
            Retain = retain,
            Class = messageClass,
            Sequence = _sequence++,
        };
        Bytes += size;
        if (messageClass == MessageClass.Telemetry)
        {
            _telemetry.Enqueue(entry);
        }
        else
        {
            LinkedListNode<OutboxEntry> node = _durable.AddLast(entry);
            if (coalesces)
            {
                _retainedStates[topic] = node;
            }
        }
    }

    /// <summary>The oldest queued message, or null.</summary>
    public OutboxEntry? Peek()
    {
        OutboxEntry? telemetry = _telemetry.Count > 0 ? _telemetry.Peek() : null;
        OutboxEntry? durable = _durable.First?.Value;
        if (telemetry is null || durable is null)
        {
            return telemetry ?? durable;
        }

        return telemetry.Sequence < durable.Sequence ? telemetry : durable;
    }

    /// <summary>Removes the entry <see cref="Peek"/> returned and returns its buffer to the pool.</summary>
    public void RemoveOldest(OutboxEntry entry)
    {
        if (_telemetry.Count > 0 && ReferenceEquals(_telemetry.Peek(), entry))
        {
            Release(_telemetry.Dequeue());
        }
        else if (_durable.First is { } first && ReferenceEquals(first.Value, entry))
        {
            RemoveDurable(first);
        }
        else
        {
            throw new InvalidOperationException("Only the oldest outbox entry can be removed.");
        }
    }

    /// <summary>Empties the outbox; returns how many messages were discarded.</summary>
    public int Clear()
    {
        int discarded = Count;
        while (_telemetry.Count > 0)
        {
            Release(_telemetry.Dequeue());
        }

        while (_durable.First is { } first)
        {
            RemoveDurable(first);
        }

        return discarded;
    }

    private void RemoveDurable(LinkedListNode<OutboxEntry> node)
    {
        OutboxEntry entry = node.Value;
        if (entry.Coalesces && _retainedStates.TryGetValue(entry.Topic, out LinkedListNode<OutboxEntry>? indexed) && indexed == node)
        {
            _retainedStates.Remove(entry.Topic);
        }

        _durable.Remove(node);
        Release(entry);
    }

    private void Release(OutboxEntry entry)
    {
        Bytes -= entry.Size;
        ArrayPool<byte>.Shared.Return(entry.Payload);
    }

    private void CountDrop(MessageClass messageClass)
    {
        switch (messageClass)
        {
            case MessageClass.Telemetry:
                DroppedTelemetry++;
                break;
            case MessageClass.State:
                DroppedState++;
                break;
            default:
                DroppedEvent++;
                break;
        }
    }
}
