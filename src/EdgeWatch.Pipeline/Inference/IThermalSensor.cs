namespace EdgeWatch.Pipeline.Inference;

/// <summary>An engine whose device reports its temperature (an NCS2's DEVICE_THERMAL).</summary>
public interface IThermalSensor
{
    /// <summary>Degrees Celsius, or null when the device does not say.</summary>
    float? ReadTemperature();
}
