using EdgeWatch.Devices.Sticks;
using EdgeWatch.Devices.Tests.Fixtures;

namespace EdgeWatch.Devices.Tests.Sticks;

public sealed class UsbInventoryTests : IDisposable
{
    private readonly FakeSysfs _sysfs = new();

    public void Dispose() => _sysfs.Dispose();

    [Fact]
    public void Unbooted_ncs2_is_listed_with_its_openvino_name()
    {
        _sysfs.AddRootHub(1);
        _sysfs.PlugNcs2("1-1.3", devnum: 5);
        _sysfs.AddInterface("1-1.3");

        UsbScanResult scan = UsbInventory.Scan(_sysfs.Root);

        Stick stick = Assert.Single(scan.Sticks);
        Assert.Equal("1-1.3", stick.Port);
        Assert.Equal(StickModel.Ncs2, stick.Model);
        Assert.Equal(StickUsbState.Unbooted, stick.UsbState);
        Assert.True(stick.IsSupported);
        Assert.Equal(0x03e7, stick.VendorId);
        Assert.Equal(0x2485, stick.ProductId);
        Assert.Equal("03e7:2485", stick.UsbId);
        Assert.Equal(1, stick.BusNumber);
        Assert.Equal(5, stick.DeviceNumber);
        Assert.Equal("03e72485", stick.Serial);
        Assert.Equal("480", stick.Speed);
        Assert.Equal("Movidius MyriadX", stick.ProductName);
        Assert.Equal("Movidius Ltd.", stick.Manufacturer);
        Assert.Equal("1.3-ma2480", stick.OpenVinoId);
        Assert.Equal("MYRIAD.1.3-ma2480", stick.OpenVinoDeviceName);
        Assert.True(scan.BusPresent);
        Assert.Equal(1, scan.UsbDeviceCount);
        Assert.Empty(scan.IncompletePorts);
    }

    [Fact]
    public void Devices_linked_into_sys_devices_are_read_through_their_symlinks_like_a_real_kernel()
    {
        _sysfs.PlugNcs2("2-4", devnum: 9, asSymlink: true);
        _sysfs.PlugBootedNcs2("2-3", devnum: 8, asSymlink: true);

        UsbScanResult scan = UsbInventory.Scan(_sysfs.Root);

        Assert.True(new FileInfo(Path.Combine(_sysfs.DevicesDirectory, "2-4")).LinkTarget is not null);
        Assert.Collection(
            scan.Sticks,
            booted =>
            {
                Assert.Equal("2-3", booted.Port);
                Assert.Equal(StickUsbState.Booted, booted.UsbState);
                Assert.Equal(0xf63b, booted.ProductId);
                Assert.Equal(2, booted.BusNumber);
                Assert.Equal("MYRIAD.3-ma2480", booted.OpenVinoDeviceName);
            },
            unbooted =>
            {
                Assert.Equal("2-4", unbooted.Port);
                Assert.Equal(StickUsbState.Unbooted, unbooted.UsbState);
                Assert.Equal(9, unbooted.DeviceNumber);
                Assert.Equal("4-ma2480", unbooted.OpenVinoId);
            });
    }

    [Fact]
    public void Two_sticks_on_a_hub_are_named_after_their_port_chains()
    {
        _sysfs.AddRootHub(1);
        _sysfs.PlugOtherDevice("1-1");
        _sysfs.PlugOtherDevice("1-1.2");
        _sysfs.PlugNcs2("1-1.2.4", devnum: 12);
        _sysfs.PlugNcs2("1-1.2.1", devnum: 11);
        _sysfs.AddInterface("1-1.2.1");
        _sysfs.AddInterface("1-1.2.4");

        UsbScanResult scan = UsbInventory.Scan(_sysfs.Root);

        Assert.Equal(["1-1.2.1", "1-1.2.4"], scan.Sticks.Select(s => s.Port));
        Assert.Equal(["1.2.1-ma2480", "1.2.4-ma2480"], scan.Sticks.Select(s => s.OpenVinoId));
        Assert.Equal(["MYRIAD.1.2.1-ma2480", "MYRIAD.1.2.4-ma2480"], scan.Sticks.Select(s => s.OpenVinoDeviceName));
        Assert.Equal(4, scan.UsbDeviceCount);
    }

    [Fact]
    public void Ncs1_is_listed_but_marked_unsupported()
    {
        _sysfs.PlugNcs1("1-2");

        Stick stick = Assert.Single(UsbInventory.Scan(_sysfs.Root).Sticks);

        Assert.Equal(StickModel.Ncs1, stick.Model);
        Assert.False(stick.IsSupported);
        Assert.Equal("03e7:2150", stick.UsbId);
        Assert.Equal("2-ma2450", stick.OpenVinoId);
    }

    [Fact]
    public void Root_hubs_interfaces_and_other_devices_are_not_sticks()
    {
        _sysfs.AddRootHub(1);
        _sysfs.AddRootHub(2);
        _sysfs.PlugOtherDevice("1-1");
        _sysfs.PlugOtherDevice("1-2", vendor: "03e7", productId: "1234"); // Movidius, but not a stick
        _sysfs.AddInterface("1-1");
        _sysfs.AddInterface("1-9"); // an interface whose device entry is already gone

        UsbScanResult scan = UsbInventory.Scan(_sysfs.Root);

        Assert.Empty(scan.Sticks);
        Assert.Equal(2, scan.UsbDeviceCount);
        Assert.Empty(scan.IncompletePorts);
    }

    [Fact]
    public void Half_written_and_unreadable_device_entries_are_reported_incomplete_without_throwing()
    {
        _sysfs.PlugNcs2("1-1.1");
        _sysfs.AddRawEntry("1-1.2", new Dictionary<string, string>()); // directory created, no attributes yet
        _sysfs.AddRawEntry("1-1.3", new Dictionary<string, string> { ["idVendor"] = "03e7\n" });
        _sysfs.AddRawEntry("1-1.4", new Dictionary<string, string> { ["idVendor"] = "03e7\n", ["idProduct"] = "2485\n" }); // no busnum/devnum yet
        _sysfs.AddRawEntry("1-1.5", new Dictionary<string, string> { ["idVendor"] = "zzzz\n", ["idProduct"] = "\n" });
        _sysfs.AddRawEntry("1-1.6", new Dictionary<string, string>
        {
            ["idVendor"] = "03e7\n", ["idProduct"] = "2485\n", ["busnum"] = "1\n", ["devnum"] = "-3\n",
        });
        Directory.CreateDirectory(Path.Combine(_sysfs.DevicesDirectory, "1-1.7", "idVendor")); // unreadable as a file
        File.WriteAllText(Path.Combine(_sysfs.DevicesDirectory, "1-1.8"), "not a directory");
        File.CreateSymbolicLink(Path.Combine(_sysfs.DevicesDirectory, "1-1.9"), "../../../devices/gone/1-1.9"); // dangling

        UsbScanResult scan = UsbInventory.Scan(_sysfs.Root);

        Assert.Equal("1-1.1", Assert.Single(scan.Sticks).Port);
        Assert.Equal(["1-1.2", "1-1.3", "1-1.4", "1-1.5", "1-1.6", "1-1.7", "1-1.8", "1-1.9"], scan.IncompletePorts);
        Assert.Equal(9, scan.UsbDeviceCount);
    }

    [Fact]
    public void A_machine_without_a_usb_bus_has_no_sticks()
    {
        Directory.Delete(Path.Combine(_sysfs.Root, "bus"), recursive: true);

        UsbScanResult scan = UsbInventory.Scan(_sysfs.Root);

        Assert.False(scan.BusPresent);
        Assert.Empty(scan.Sticks);
    }

    [Fact]
    public void Sticks_are_ordered_by_port_number_not_by_text()
    {
        _sysfs.PlugNcs2("1-1.10");
        _sysfs.PlugNcs2("1-1.2");
        _sysfs.PlugNcs2("10-1");
        _sysfs.PlugNcs2("2-1");

        UsbScanResult scan = UsbInventory.Scan(_sysfs.Root);

        Assert.Equal(["1-1.2", "1-1.10", "2-1", "10-1"], scan.Sticks.Select(s => s.Port));
    }
}
