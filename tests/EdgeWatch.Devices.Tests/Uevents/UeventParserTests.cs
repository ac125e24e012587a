using System.Text;
using EdgeWatch.Devices.Tests.Fixtures;
using EdgeWatch.Devices.Uevents;

namespace EdgeWatch.Devices.Tests.Uevents;

public sealed class UeventParserTests
{
    [Fact]
    public void Kernel_add_of_a_usb_device_is_parsed_into_action_devpath_and_properties()
    {
        byte[] datagram = UeventInjector.UsbDeviceMessage("add", "1-1.3", product: "3e7/2485/1", devnum: 5, seqnum: 1234);

        Assert.Equal(UeventParseStatus.Kernel, UeventParser.Parse(datagram, out Uevent? uevent, out string? problem));

        Assert.Null(problem);
        Assert.NotNull(uevent);
        Assert.Equal("add", uevent.Action);
        Assert.Equal("/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.3", uevent.DevPath);
        Assert.Equal("usb", uevent.Subsystem);
        Assert.Equal("usb_device", uevent.DevType);
        Assert.Equal("3e7/2485/1", uevent.Properties["PRODUCT"]);
        Assert.Equal("001", uevent.Properties["BUSNUM"]);
        Assert.Equal("005", uevent.Properties["DEVNUM"]);
        Assert.Equal("1234", uevent.Properties["SEQNUM"]);
        Assert.Equal("bus/usb/001/005", uevent.Properties["DEVNAME"]);
        Assert.Equal(12, uevent.Properties.Count);
    }

    [Fact]
    public void Kernel_remove_message_is_parsed()
    {
        byte[] datagram = Encoding.ASCII.GetBytes(
            "remove@/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.3\0ACTION=remove\0" +
            "DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.3\0SUBSYSTEM=usb\0DEVNAME=/dev/bus/usb/001/005\0" +
            "DEVTYPE=usb_device\0PRODUCT=3e7/f63b/1\0TYPE=0/0/0\0BUSNUM=001\0DEVNUM=005\0SEQNUM=1240\0MAJOR=189\0MINOR=4\0");

        Assert.Equal(UeventParseStatus.Kernel, UeventParser.Parse(datagram, out Uevent? uevent, out _));

        Assert.Equal("remove", uevent!.Action);
        Assert.Equal("/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.3", uevent.DevPath);
        Assert.Equal("3e7/f63b/1", uevent.Properties["PRODUCT"]);
        Assert.Equal("/dev/bus/usb/001/005", uevent.Properties["DEVNAME"]);
    }

    [Fact]
    public void Kernel_bind_of_an_interface_is_parsed_with_its_driver_and_modalias()
    {
        byte[] datagram = Encoding.ASCII.GetBytes(
            "bind@/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.3/1-1.3:1.0\0ACTION=bind\0" +
            "DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.3/1-1.3:1.0\0SUBSYSTEM=usb\0DEVTYPE=usb_interface\0" +
            "DRIVER=usbfs\0PRODUCT=3e7/2485/1\0TYPE=0/0/0\0INTERFACE=255/17/255\0" +
            "MODALIAS=usb:v03E7p2485d0001dc00dsc00dp00icFFisc11ipFFin00\0SEQNUM=1236");

        Assert.Equal(UeventParseStatus.Kernel, UeventParser.Parse(datagram, out Uevent? uevent, out _));

        Assert.Equal("bind", uevent!.Action);
        Assert.EndsWith("/1-1.3:1.0", uevent.DevPath, StringComparison.Ordinal);
        Assert.Equal("usb_interface", uevent.DevType);
        Assert.Equal("usbfs", uevent.Properties["DRIVER"]);
        Assert.Equal("usb:v03E7p2485d0001dc00dsc00dp00icFFisc11ipFFin00", uevent.Properties["MODALIAS"]);
        Assert.Equal("1236", uevent.Properties["SEQNUM"]); // the last pair has no trailing NUL here
    }

    [Fact]
    public void A_header_without_properties_is_still_a_uevent()
    {
        Assert.Equal(UeventParseStatus.Kernel, UeventParser.Parse("change@/devices/virtual/mem/null"u8, out Uevent? uevent, out _));
        Assert.Equal("change", uevent!.Action);
        Assert.Empty(uevent.Properties);
    }

    [Fact]
    public void Udev_rebroadcasts_are_recognised_and_not_parsed()
    {
        byte[] datagram = [.. "libudev\0"u8, 0xfe, 0xed, 0xca, 0xfe, 0x28, 0, 0, 0, .. new byte[32]];

        Assert.Equal(UeventParseStatus.Udev, UeventParser.Parse(datagram, out Uevent? uevent, out _));
        Assert.Null(uevent);
    }

    public static TheoryData<string, byte[]> MalformedDatagrams => new()
    {
        { "empty", [] },
        { "a single NUL", [0] },
        { "no @ in the header", "add/devices/x\0SUBSYSTEM=usb\0"u8.ToArray() },
        { "no action", "@/devices/x\0SUBSYSTEM=usb\0"u8.ToArray() },
        { "no devpath", "add@\0SUBSYSTEM=usb\0"u8.ToArray() },
        { "relative devpath", "add@devices/x\0SUBSYSTEM=usb\0"u8.ToArray() },
        { "uppercase action", "ADD@/devices/x\0"u8.ToArray() },
        { "control byte in devpath", "add@/devices/\u0001x\0"u8.ToArray() },
        { "truncated in the middle of a key", "add@/devices/pci0000:00/usb1/1-1\0ACTION=add\0SUBSYS"u8.ToArray() },
        { "property without a key", "add@/devices/x\0=usb\0"u8.ToArray() },
        { "binary noise", [0x8f, 0x00, 0x40, 0xff, 0x2f, 0x01, 0x3d, 0x00, 0x9c] },
        { "noise that contains an @", [0x01, 0x02, 0x40, 0x2f, 0x61, 0x00, 0xff, 0x3d, 0x01] },
    };

    [Theory]
    [MemberData(nameof(MalformedDatagrams))]
    public void Malformed_datagrams_are_reported_with_a_reason(string description, byte[] datagram)
    {
        Assert.Equal(UeventParseStatus.Malformed, UeventParser.Parse(datagram, out Uevent? uevent, out string? problem));
        Assert.Null(uevent);
        Assert.False(string.IsNullOrEmpty(problem), description);
    }

    [Fact]
    public void Random_bytes_never_make_the_parser_throw()
    {
        var random = new Random(20240611);
        for (int i = 0; i < 5000; i++)
        {
            byte[] datagram = new byte[random.Next(0, 600)];
            random.NextBytes(datagram);
            if (i % 3 == 0 && datagram.Length > 13)
            {
                "add@/devices/"u8.CopyTo(datagram); // a plausible start followed by noise
            }

            UeventParser.Parse(datagram, out _, out _);
        }
    }
}
