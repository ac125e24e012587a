namespace EdgeWatch.Worker.HomeAssistant;

/// <summary>The Home Assistant MQTT platforms EdgeWatch creates entities on.</summary>
public enum DiscoveryComponent
{
    /// <summary><c>binary_sensor</c>: on/off (occupancy).</summary>
    BinarySensor,

    /// <summary><c>sensor</c>: a value (a count, a rate, a temperature).</summary>
    Sensor,

    /// <summary><c>image</c>: a picture received on a topic (the snapshot).</summary>
    Image,
}
