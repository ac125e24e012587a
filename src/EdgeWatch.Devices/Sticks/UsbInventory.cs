using System.Globalization;

namespace EdgeWatch.Devices.Sticks;

/// <summary>
/// Reads the compute sticks from sysfs once: <c>&lt;sysfsRoot&gt;/bus/usb/devices/*</c>, one entry per USB
/// device (in a real kernel, symlinks into <c>/sys/devices/...</c>). No monitor needs to run.
/// </summary>
public static class UsbInventory
{
    /// <summary>Where the kernel mounts sysfs.</summary>
    public const string DefaultSysfsRoot = "/sys";

    /// <summary>
    /// Lists the sticks now present. Entries that are half-written (enumeration in progress) are reported in
    /// <see cref="UsbScanResult.IncompletePorts"/>, never thrown.
    /// </summary>
    /// <exception cref="IOException">The devices directory exists but cannot be listed.</exception>
    public static UsbScanResult Scan(string sysfsRoot = DefaultSysfsRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sysfsRoot);
        string devicesDirectory = DevicesDirectory(sysfsRoot);
        if (!Directory.Exists(devicesDirectory))
        {
            return new UsbScanResult([], BusPresent: false, UsbDeviceCount: 0, IncompletePorts: []);
        }

        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(devicesDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot list USB devices in {devicesDirectory}: {e.Message}", e);
        }

        var sticks = new List<Stick>();
        var incomplete = new List<string>();
        int deviceCount = 0;
        foreach (string entry in entries)
        {
            string name = Path.GetFileName(entry);
            if (!UsbPortPath.TryParse(name, out _, out _))
            {
                continue; // root hub (usb1) or interface (1-1.3:1.0)
            }

            deviceCount++;
            switch (ReadDevice(entry, name, out Stick? stick))
            {
                case DeviceReading.Stick:
                    sticks.Add(stick!);
                    break;
                case DeviceReading.Incomplete:
                    incomplete.Add(name);
                    break;
            }
        }

        sticks.Sort((a, b) => UsbPortPath.Compare(a.Port, b.Port));
        incomplete.Sort(UsbPortPath.Comparer);
        return new UsbScanResult(sticks, BusPresent: true, deviceCount, incomplete);
    }

    /// <summary><c>&lt;sysfsRoot&gt;/bus/usb/devices</c>.</summary>
    public static string DevicesDirectory(string sysfsRoot) => Path.Combine(sysfsRoot, "bus", "usb", "devices");

    private enum DeviceReading
    {
        Stick,
        OtherDevice,
        Incomplete,
    }

    private static DeviceReading ReadDevice(string directory, string port, out Stick? stick)
    {
        stick = null;
        ushort? vendor = ReadHex16(directory, "idVendor");
        ushort? product = ReadHex16(directory, "idProduct");
        if (vendor is null || product is null)
        {
            return DeviceReading.Incomplete;
        }

        if (!MovidiusUsbIds.TryIdentify(vendor.Value, product.Value, out StickModel model, out StickUsbState state))
        {
            return DeviceReading.OtherDevice;
        }

        int? bus = ReadDecimal(directory, "busnum");
        int? address = ReadDecimal(directory, "devnum");
        if (bus is null || address is null)
        {
            return DeviceReading.Incomplete;
        }

        stick = new Stick
        {
            Port = port,
            Model = model,
            UsbState = state,
            VendorId = vendor.Value,
            ProductId = product.Value,
            BusNumber = bus.Value,
            DeviceNumber = address.Value,
            Serial = ReadText(directory, "serial"),
            Speed = ReadText(directory, "speed"),
            ProductName = ReadText(directory, "product"),
            Manufacturer = ReadText(directory, "manufacturer"),
        };
        return DeviceReading.Stick;
    }

    private static ushort? ReadHex16(string directory, string attribute) =>
        ushort.TryParse(ReadText(directory, attribute), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort value)
            ? value
            : null;

    private static int? ReadDecimal(string directory, string attribute) =>
        int.TryParse(ReadText(directory, attribute), NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : null;

    /// <summary>One sysfs attribute, trimmed; null when absent, unreadable or empty.</summary>
    private static string? ReadText(string directory, string attribute)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(directory, attribute)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Absent (optional attribute, or the device is going away) or not readable: not an error.
            return null;
        }
    }
}
