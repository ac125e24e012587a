using System.Globalization;

namespace EdgeWatch.Devices.Tests.Fixtures;

/// <summary>
/// A sysfs tree in a temp directory, laid out as the kernel does: <c>&lt;root&gt;/bus/usb/devices/&lt;name&gt;</c>
/// either as a plain directory or, like a real kernel, as a relative symlink into
/// <c>&lt;root&gt;/devices/pci0000:00/0000:00:14.0/...</c>. Devices appear and vanish atomically (rename, symlink),
/// the way a scan must be able to cope with, and the tree is deleted on dispose.
/// </summary>
internal sealed class FakeSysfs : IDisposable
{
    private const string PciPath = "devices/pci0000:00/0000:00:14.0";

    public FakeSysfs()
    {
        Root = Path.Combine(Path.GetTempPath(), "edgewatch-sysfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DevicesDirectory);
    }

    public string Root { get; }

    public string DevicesDirectory => Path.Combine(Root, "bus", "usb", "devices");

    /// <summary>An unbooted NCS2 (03e7:2485) with the attributes a real one shows.</summary>
    public void PlugNcs2(string port, int devnum = 5, bool asSymlink = false) =>
        AddDevice(port, "03e7", "2485", devnum, asSymlink, serial: "03e72485", product: "Movidius MyriadX", manufacturer: "Movidius Ltd.", speed: "480");

    /// <summary>An NCS2 after firmware boot (03e7:f63b).</summary>
    public void PlugBootedNcs2(string port, int devnum = 6, bool asSymlink = false) =>
        AddDevice(port, "03e7", "f63b", devnum, asSymlink, serial: null, product: "VSC Loopback Device", manufacturer: "Intel Corporation", speed: "5000");

    /// <summary>An NCS1 (03e7:2150).</summary>
    public void PlugNcs1(string port, int devnum = 7, bool asSymlink = false) =>
        AddDevice(port, "03e7", "2150", devnum, asSymlink, serial: null, product: "Movidius MA2X5X", manufacturer: "Movidius Ltd.", speed: "480");

    /// <summary>A hub or any non-stick device.</summary>
    public void PlugOtherDevice(string port, string vendor = "05e3", string productId = "0610", int devnum = 2) =>
        AddDevice(port, vendor, productId, devnum, asSymlink: false, serial: null, product: "USB2.0 Hub", manufacturer: "GenesysLogic", speed: "480");

    /// <summary>A root hub entry (<c>usb1</c>), which carries idVendor 1d6b and must be skipped.</summary>
    public void AddRootHub(int bus) =>
        AddEntry("usb" + bus.ToString(CultureInfo.InvariantCulture), new Dictionary<string, string>
        {
            ["idVendor"] = "1d6b\n", ["idProduct"] = "0002\n", ["busnum"] = bus + "\n", ["devnum"] = "1\n",
        }, asSymlink: false);

    /// <summary>An interface entry (<c>1-1.3:1.0</c>), which has no idVendor and must be skipped.</summary>
    public void AddInterface(string port, string configurationAndInterface = "1.0") =>
        AddEntry(port + ":" + configurationAndInterface, new Dictionary<string, string>
        {
            ["bInterfaceClass"] = "ff\n", ["bInterfaceNumber"] = "00\n",
        }, asSymlink: false);

    /// <summary>Writes attribute files straight into an entry (for half-written or odd directories).</summary>
    public void AddRawEntry(string name, IReadOnlyDictionary<string, string> files) => AddEntry(name, files, asSymlink: false);

    public void AddDevice(string port, string vendor, string productId, int devnum, bool asSymlink,
        string? serial, string? product, string? manufacturer, string? speed)
    {
        var files = new Dictionary<string, string>
        {
            ["idVendor"] = vendor + "\n",
            ["idProduct"] = productId + "\n",
            ["busnum"] = port[..port.IndexOf('-', StringComparison.Ordinal)] + "\n",
            ["devnum"] = devnum.ToString(CultureInfo.InvariantCulture) + "\n",
        };
        AddOptional(files, "serial", serial);
        AddOptional(files, "product", product);
        AddOptional(files, "manufacturer", manufacturer);
        AddOptional(files, "speed", speed);
        AddEntry(port, files, asSymlink);
    }

    /// <summary>Removes a device entry (and its symlink target), as an unplug does.</summary>
    public void Unplug(string name)
    {
        string entry = Path.Combine(DevicesDirectory, name);
        var info = new FileInfo(entry);
        if (info.LinkTarget is { } target)
        {
            File.Delete(entry);
            Directory.Delete(Path.GetFullPath(target, DevicesDirectory), recursive: true);
        }
        else
        {
            Directory.Delete(entry, recursive: true);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static void AddOptional(Dictionary<string, string> files, string name, string? value)
    {
        if (value is not null)
        {
            files[name] = value + "\n";
        }
    }

    private void AddEntry(string name, IReadOnlyDictionary<string, string> files, bool asSymlink)
    {
        // Build the directory under a temporary name, then rename or link it into place: the monitor may scan
        // at any moment and should see the device whole (tests of half-written entries use AddRawEntry).
        string parent = asSymlink ? Path.Combine(Root, PciPath, "usb" + name[..name.IndexOf('-', StringComparison.Ordinal)]) : DevicesDirectory;
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        foreach ((string file, string content) in files)
        {
            File.WriteAllText(Path.Combine(staging, file), content);
        }

        string final = Path.Combine(parent, name);
        Directory.Move(staging, final);
        if (asSymlink)
        {
            // Relative, like the kernel's: bus/usb/devices/1-1.3 -> ../../../devices/pci0000:00/.../1-1.3
            File.CreateSymbolicLink(Path.Combine(DevicesDirectory, name), Path.GetRelativePath(DevicesDirectory, final));
        }
    }
}
