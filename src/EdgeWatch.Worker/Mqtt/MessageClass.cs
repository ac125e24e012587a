namespace EdgeWatch.Worker.Mqtt;

/// <summary>What a published message is, which decides what the outbox drops first when it is full.</summary>
public enum MessageClass
{
    /// <summary>High-rate, replaceable data (detections): dropped first, oldest first.</summary>
    Telemetry,

    /// <summary>Current state (counts, health, discovery): kept before telemetry; a newer retained state replaces a queued older one on the same topic.</summary>
    State,

    /// <summary>Discrete events: kept before telemetry, never coalesced.</summary>
    Event,
}
