namespace EdgeWatch.Devices.Tests.Fixtures;

/// <summary>
/// A fact that makes the kernel emit a real uevent (by writing to a sysfs <c>uevent</c> file). Opt-in with
/// <c>EDGEWATCH_TRIGGER_UEVENTS=1</c>, because the uevent is system-wide; needs root and the netlink socket.
/// </summary>
internal sealed class KernelUeventTriggerFactAttribute : FactAttribute
{
    public const string OptInVariable = "EDGEWATCH_TRIGGER_UEVENTS";

    public KernelUeventTriggerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(OptInVariable) != "1")
        {
            Skip = $"Emits a system-wide uevent: set {OptInVariable}=1 to run it";
        }
        else if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Writing to /sys/devices/.../uevent needs root";
        }
        else if (new NetlinkFactAttribute().Skip is { } reason)
        {
            Skip = reason;
        }
    }
}
