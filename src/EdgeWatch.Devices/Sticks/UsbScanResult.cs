namespace EdgeWatch.Devices.Sticks;

/// <summary>What one read of <c>&lt;sysfs&gt;/bus/usb/devices</c> found.</summary>
/// <param name="Sticks">The compute sticks, ordered by port.</param>
/// <param name="BusPresent">
/// False when the directory does not exist at all (a VM or container without USB, or a wrong sysfs root).
/// </param>
/// <param name="UsbDeviceCount">USB devices seen (not root hubs or interfaces), sticks included.</param>
/// <param name="IncompletePorts">
/// Devices whose identity files could not be read (a directory being created or removed right now).
/// </param>
public sealed record UsbScanResult(
    IReadOnlyList<Stick> Sticks,
    bool BusPresent,
    int UsbDeviceCount,
    IReadOnlyList<string> IncompletePorts);
