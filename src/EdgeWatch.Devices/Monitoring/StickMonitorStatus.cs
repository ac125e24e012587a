namespace EdgeWatch.Devices.Monitoring;

/// <summary>Counters of a <see cref="StickMonitor"/>, for health reporting.</summary>
/// <param name="WatchingUevents">True while kernel uevents are being read; false means periodic rescans only.</param>
/// <param name="UsbBusPresent">Whether the last scan found <c>&lt;SysfsRoot&gt;/bus/usb/devices</c> at all.</param>
/// <param name="Scans">Scans of sysfs completed.</param>
/// <param name="ScanFailures">Scans that could not list the devices directory (the inventory was kept as it was).</param>
/// <param name="UeventsReceived">Datagrams received on the uevent socket.</param>
/// <param name="UeventsMalformed">Datagrams that were not valid uevents (ignored).</param>
/// <param name="UeventOverruns">Times the kernel reported dropped uevents (ENOBUFS); each caused a rescan.</param>
/// <param name="SubscriberOverflows">Subscriptions closed because their reader fell behind.</param>
/// <param name="LastScanAt">When the last scan completed, if any.</param>
public sealed record StickMonitorStatus(
    bool WatchingUevents,
    bool UsbBusPresent,
    long Scans,
    long ScanFailures,
    long UeventsReceived,
    long UeventsMalformed,
    long UeventOverruns,
    long SubscriberOverflows,
    DateTimeOffset? LastScanAt);
