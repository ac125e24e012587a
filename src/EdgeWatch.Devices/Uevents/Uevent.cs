namespace EdgeWatch.Devices.Uevents;

/// <summary>
/// One kernel uevent: <c>ACTION@DEVPATH</c> and its <c>KEY=VALUE</c> properties
/// (<c>SUBSYSTEM</c>, <c>DEVTYPE</c>, <c>PRODUCT</c>, <c>SEQNUM</c>...).
/// </summary>
internal sealed record Uevent(string Action, string DevPath, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>The <c>SUBSYSTEM</c> property (<c>usb</c> for USB devices and interfaces), if present.</summary>
    public string? Subsystem => Properties.GetValueOrDefault("SUBSYSTEM");

    /// <summary>The <c>DEVTYPE</c> property (<c>usb_device</c> or <c>usb_interface</c> under usb), if present.</summary>
    public string? DevType => Properties.GetValueOrDefault("DEVTYPE");
}
