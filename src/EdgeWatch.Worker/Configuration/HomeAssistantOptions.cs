namespace EdgeWatch.Worker.Configuration;

/// <summary>Home Assistant MQTT discovery (section <c>HomeAssistant</c>).</summary>
public sealed class HomeAssistantOptions
{
    /// <summary>Publish discovery configurations (one Home Assistant device per EdgeWatch node).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Home Assistant's discovery prefix (its MQTT integration's setting).</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>Home Assistant's birth topic: an <c>online</c> there re-publishes every configuration and state. Default <c>&lt;DiscoveryPrefix&gt;/status</c>.</summary>
    public string? StatusTopic { get; set; }

    /// <summary>The device's name in Home Assistant; the node name by default.</summary>
    public string? NodeName { get; set; }

    /// <summary>The birth topic in use.</summary>
    public string EffectiveStatusTopic => string.IsNullOrWhiteSpace(StatusTopic) ? $"{DiscoveryPrefix}/status" : StatusTopic;
}
