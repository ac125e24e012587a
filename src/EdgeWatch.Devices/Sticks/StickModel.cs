namespace EdgeWatch.Devices.Sticks;

/// <summary>Which Intel Neural Compute Stick a USB device is.</summary>
public enum StickModel
{
    /// <summary>Neural Compute Stick 2, Myriad X (MA2480): what OpenVINO 2022.3's MYRIAD plugin drives.</summary>
    Ncs2,

    /// <summary>The first Neural Compute Stick, Myriad 2 (MA2450): compiled out of OpenVINO since 2020.4.</summary>
    Ncs1,
}
