using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EdgeWatch.Devices.Uevents;

/// <summary>
/// Opens the kernel's uevent netlink socket (NETLINK_KOBJECT_UEVENT), joined to the kernel's multicast group.
/// .NET's Socket constructor refuses AF_NETLINK, so the socket is made with libc and wrapped.
/// </summary>
internal static class NetlinkUeventSocket
{
    /// <summary>Group 1 carries the kernel's own messages; group 2 is udevd's re-broadcast (libudev format).</summary>
    public const uint KernelGroup = 1;

    /// <summary>A burst of plug events must not overflow the queue (ENOBUFS) before the reader drains it.</summary>
    public const int ReceiveBufferBytes = 1024 * 1024;

    /// <summary>Opens and binds the socket; throws <see cref="LibcException"/> when the kernel refuses.</summary>
    public static Socket Open()
    {
        SafeSocketHandle handle = Interop.Libc.socket(
            Interop.Libc.AF_NETLINK,
            Interop.Libc.SOCK_RAW | Interop.Libc.SOCK_CLOEXEC,
            Interop.Libc.NETLINK_KOBJECT_UEVENT);
        if (handle.IsInvalid)
        {
            LibcException error = Interop.Libc.ExceptionForLastError("socket");
            handle.Dispose();
            throw error;
        }

        try
        {
            var address = new Interop.Libc.sockaddr_nl
            {
                nl_family = Interop.Libc.AF_NETLINK,
                nl_pid = 0,
                nl_groups = KernelGroup,
            };
            if (Interop.Libc.bind(handle, in address, (uint)Marshal.SizeOf<Interop.Libc.sockaddr_nl>()) != 0)
            {
                throw Interop.Libc.ExceptionForLastError("bind");
            }

            var socket = new Socket(handle);
            try
            {
                // Capped by net.core.rmem_max without error; a smaller buffer only means ENOBUFS sooner,
                // which the reader turns into a rescan.
                socket.ReceiveBufferSize = ReceiveBufferBytes;
            }
            catch (SocketException)
            {
                // Keep the default buffer: the periodic rescan covers what an overflow loses.
            }

            return socket;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
