namespace EdgeWatch.Worker.HomeAssistant;

/// <summary>
/// One Home Assistant entity of this node: its platform, its id (unique within the node; the Home Assistant
/// <c>unique_id</c> is <c>edgewatch_&lt;node&gt;_&lt;ObjectId&gt;</c>, the same on every start), its name and its
/// platform options (full key names from Home Assistant's documentation of the platform). Device, origin and
/// availability are added by <see cref="HomeAssistantDiscovery"/>.
/// </summary>
public sealed class DiscoveryEntity
{
    private DiscoveryEntity(DiscoveryComponent component, string objectId, string name, IReadOnlyList<KeyValuePair<string, object>> options)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectId);
        if (!objectId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"'{objectId}' must consist of [a-zA-Z0-9_-] (it becomes part of a discovery topic)", nameof(objectId));
        }

        Component = component;
        ObjectId = objectId;
        Name = name;
        Options = options;
    }

    public DiscoveryComponent Component { get; }

    /// <summary>The entity's id within the node.</summary>
    public string ObjectId { get; }

    /// <summary>The entity's name; Home Assistant shows it after the device's name.</summary>
    public string Name { get; }

    /// <summary>Platform options, written in this order; values are strings, numbers or booleans.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Options { get; }

    /// <summary>The platform's name in discovery topics.</summary>
    public string Platform => Component switch
    {
        DiscoveryComponent.BinarySensor => "binary_sensor",
        DiscoveryComponent.Sensor => "sensor",
        DiscoveryComponent.Image => "image",
        _ => throw new InvalidOperationException($"Unknown component {Component}"),
    };

    /// <summary>
    /// A <c>sensor</c> on <paramref name="stateTopic"/>; with <paramref name="valueTemplate"/> (e.g.
    /// <c>{{ value_json.detect_fps }}</c>) when the topic carries JSON. <paramref name="diagnostic"/> files it under the
    /// device's diagnostics.
    /// </summary>
    public static DiscoveryEntity Sensor(string objectId, string name, string stateTopic, string? unit = null, string? deviceClass = null,
        string? stateClass = "measurement", string? valueTemplate = null, string? icon = null, bool diagnostic = false)
    {
        var options = new List<KeyValuePair<string, object>> { new("state_topic", stateTopic) };
        Add(options, "value_template", valueTemplate);
        Add(options, "unit_of_measurement", unit);
        Add(options, "device_class", deviceClass);
        Add(options, "state_class", stateClass);
        Add(options, "icon", icon);
        Add(options, "entity_category", diagnostic ? "diagnostic" : null);
        options.Add(new("qos", 1));
        return new DiscoveryEntity(DiscoveryComponent.Sensor, objectId, name, options);
    }

    /// <summary>A <c>binary_sensor</c> on <paramref name="stateTopic"/>, whose payloads are <c>ON</c> and <c>OFF</c>.</summary>
    public static DiscoveryEntity BinarySensor(string objectId, string name, string stateTopic, string? deviceClass = null,
        string? valueTemplate = null, string? icon = null, bool diagnostic = false)
    {
        var options = new List<KeyValuePair<string, object>> { new("state_topic", stateTopic) };
        Add(options, "value_template", valueTemplate);
        options.Add(new("payload_on", "ON"));
        options.Add(new("payload_off", "OFF"));
        Add(options, "device_class", deviceClass);
        Add(options, "icon", icon);
        Add(options, "entity_category", diagnostic ? "diagnostic" : null);
        options.Add(new("qos", 1));
        return new DiscoveryEntity(DiscoveryComponent.BinarySensor, objectId, name, options);
    }

    /// <summary>An <c>image</c> whose picture (the raw file, not base64) is published on <paramref name="imageTopic"/>.</summary>
    public static DiscoveryEntity Image(string objectId, string name, string imageTopic, string contentType = "image/jpeg") =>
        new(DiscoveryComponent.Image, objectId, name, [new("image_topic", imageTopic), new("content_type", contentType)]);

    private static void Add(List<KeyValuePair<string, object>> options, string key, string? value)
    {
        if (value is not null)
        {
            options.Add(new(key, value));
        }
    }
}
