using EdgeWatch.Devices.Uevents;
using Libc = EdgeWatch.Devices.Interop.Libc;

namespace EdgeWatch.Devices.Tests.Fixtures;

/// <summary>
/// A fact that needs the kernel's uevent netlink socket. Where a sandbox refuses it (EPERM, EACCES,
/// EAFNOSUPPORT, EPROTONOSUPPORT) the test is skipped with that reason instead of failing.
/// </summary>
internal sealed class NetlinkFactAttribute : FactAttribute
{
    public NetlinkFactAttribute()
    {
        try
        {
            NetlinkUeventSocket.Open().Dispose();
        }
        catch (LibcException e) when (e.Errno is Libc.EPERM or Libc.EACCES
                                      or Libc.EAFNOSUPPORT or Libc.EPROTONOSUPPORT)
        {
            Skip = $"The kernel uevent socket is not available here: {e.Message}";
        }
    }
}
