using System.Net.Sockets;
using System.Text;
using Libc = EdgeWatch.Devices.Interop.Libc;

namespace EdgeWatch.Devices.Tests.Fixtures;

/// <summary>
/// Stands in for the kernel at the uevent socket: a Unix datagram socket pair made with libc and wrapped exactly
/// as the netlink socket is. <see cref="ReaderSide"/> goes to the code under test; datagrams written here arrive
/// there as the kernel's would.
/// </summary>
internal sealed class UeventInjector : IDisposable
{
    private readonly Socket _kernelSide;
    private int _seqnum = 4000;

    public UeventInjector()
    {
        (ReaderSide, _kernelSide) = CreatePair();
    }

    /// <summary>The end the reader receives from (the code under test may dispose it).</summary>
    public Socket ReaderSide { get; }

    /// <summary>Sends one raw datagram.</summary>
    public void Send(ReadOnlySpan<byte> datagram) => _kernelSide.Send(datagram);

    /// <summary>Sends what the kernel sends when a USB device at <paramref name="port"/> is added or removed.</summary>
    public void SendUsbDevice(string action, string port, string product = "3e7/2485/1", int devnum = 5) =>
        Send(UsbDeviceMessage(action, port, product, devnum, Interlocked.Increment(ref _seqnum)));

    public void Dispose()
    {
        _kernelSide.Dispose();
        ReaderSide.Dispose();
    }

    /// <summary>A kernel uevent: <c>ACTION@DEVPATH\0KEY=VALUE\0...</c>, with a trailing NUL as the kernel writes it.</summary>
    public static byte[] Message(string action, string devPath, params (string Key, string Value)[] properties)
    {
        var text = new StringBuilder();
        text.Append(action).Append('@').Append(devPath).Append('\0');
        foreach ((string key, string value) in properties)
        {
            text.Append(key).Append('=').Append(value).Append('\0');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The message for a usb_device, with the properties a real kernel includes.</summary>
    public static byte[] UsbDeviceMessage(string action, string port, string product = "3e7/2485/1", int devnum = 5, int seqnum = 1234)
    {
        string bus = port[..port.IndexOf('-', StringComparison.Ordinal)];
        string devPath = DevPathOf(port);
        return Message(action, devPath,
            ("ACTION", action),
            ("DEVPATH", devPath),
            ("SUBSYSTEM", "usb"),
            ("MAJOR", "189"),
            ("MINOR", (devnum - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("DEVNAME", $"bus/usb/{int.Parse(bus, System.Globalization.CultureInfo.InvariantCulture):000}/{devnum:000}"),
            ("DEVTYPE", "usb_device"),
            ("PRODUCT", product),
            ("TYPE", "0/0/0"),
            ("BUSNUM", $"{int.Parse(bus, System.Globalization.CultureInfo.InvariantCulture):000}"),
            ("DEVNUM", $"{devnum:000}"),
            ("SEQNUM", seqnum.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary><c>1-1.2.4</c> → <c>/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.2/1-1.2.4</c>.</summary>
    public static string DevPathOf(string port)
    {
        int dash = port.IndexOf('-', StringComparison.Ordinal);
        string bus = port[..dash];
        string[] hops = port[(dash + 1)..].Split('.');
        var path = new StringBuilder("/devices/pci0000:00/0000:00:14.0/usb").Append(bus);
        for (int i = 1; i <= hops.Length; i++)
        {
            path.Append('/').Append(bus).Append('-').Append(string.Join('.', hops[..i]));
        }

        return path.ToString();
    }

    private static unsafe (Socket, Socket) CreatePair()
    {
        int* fds = stackalloc int[2];
        if (Libc.socketpair(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0, fds) != 0)
        {
            throw Libc.ExceptionForLastError("socketpair");
        }

        return (new Socket(new SafeSocketHandle(fds[0], ownsHandle: true)),
                new Socket(new SafeSocketHandle(fds[1], ownsHandle: true)));
    }
}
