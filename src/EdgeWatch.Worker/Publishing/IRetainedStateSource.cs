namespace EdgeWatch.Worker.Publishing;

/// <summary>
/// Something that owns retained MQTT states (counts, snapshots, health) and can publish all of them again: after every
/// (re)connection, since a broker without persistence forgets retained messages, and when Home Assistant announces
/// itself, since it wants states after their discovery configurations.
/// </summary>
public interface IRetainedStateSource
{
    /// <summary>Publishes every retained state this source owns, as it is now. Called on the MQTT events thread.</summary>
    void PublishRetainedStates();
}
