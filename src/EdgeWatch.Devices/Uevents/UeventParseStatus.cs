namespace EdgeWatch.Devices.Uevents;

/// <summary>What a netlink datagram turned out to be.</summary>
internal enum UeventParseStatus
{
    /// <summary>A well-formed kernel uevent.</summary>
    Kernel,

    /// <summary>udevd's re-broadcast (starts with <c>libudev\0</c>): not ours to read, ignored.</summary>
    Udev,

    /// <summary>Anything else: empty, truncated, binary noise.</summary>
    Malformed,
}
