namespace EdgeWatch.Devices.Monitoring;

/// <summary>Settings of <see cref="StickMonitor"/>, bound from the <c>Devices</c> configuration section.</summary>
public sealed class StickMonitorOptions
{
    /// <summary>The configuration section these options live in.</summary>
    public const string SectionName = "Devices";

    /// <summary>Where sysfs is mounted; the monitor reads <c>&lt;SysfsRoot&gt;/bus/usb/devices</c>. Tests point it at a fixture tree.</summary>
    public string SysfsRoot { get; set; } = "/sys";

    /// <summary>How often sysfs is rescanned with no uevent, to reconcile anything the uevents missed.</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a stick may be gone from its port and still be the same stick when it comes back (the firmware
    /// boot re-enumerates it). Gone longer, it is removed.
    /// </summary>
    public TimeSpan RemoveGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Listen to the kernel's uevents to notice hot-plug at once; without them only the periodic rescan does.</summary>
    public bool EnableUevents { get; set; } = true;

    /// <summary>How long to wait after a uevent before rescanning: one plug produces a burst of them.</summary>
    public TimeSpan UeventDebounce { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Events a subscriber may fall behind by before it is cut off and must subscribe again.</summary>
    public int SubscriberCapacity { get; set; } = 256;
}
