namespace EdgeWatch.Worker.Mqtt;

/// <summary>A message waiting in the <see cref="MqttOutbox"/>; its payload buffer is rented from the shared pool.</summary>
internal sealed class OutboxEntry
{
    public required string Topic { get; init; }

    /// <summary>NUL-terminated UTF-8 from the <see cref="TopicCache"/>.</summary>
    public required byte[] TopicUtf8 { get; init; }

    public required byte[] Payload { get; init; }

    public required int Length { get; init; }

    public required int Qos { get; init; }

    public required bool Retain { get; init; }

    public required MessageClass Class { get; init; }

    /// <summary>Enqueue order across both internal queues.</summary>
    public required long Sequence { get; init; }

    /// <summary>What the entry counts against the byte bound: payload plus topic.</summary>
    public long Size => Length + TopicUtf8.Length - 1;

    public ReadOnlySpan<byte> PayloadSpan => Payload.AsSpan(0, Length);

    public bool Coalesces => Class == MessageClass.State && Retain;
}
