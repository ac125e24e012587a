using System.Globalization;

namespace EdgeWatch.Devices.Sticks;

/// <summary>
/// One compute stick as sysfs shows it right now. Its identity is <see cref="Port"/>: the stick keeps it across
/// the firmware-boot re-enumeration, and OpenVINO names the device after it. Value equality: two readings that
/// differ in any field (product id after boot, device number after re-enumeration...) are a change.
/// </summary>
public sealed record Stick
{
    /// <summary>The sysfs device name, bus and port chain: <c>1-1.3</c>.</summary>
    public required string Port { get; init; }

    /// <summary>NCS2 or NCS1.</summary>
    public required StickModel Model { get; init; }

    /// <summary>Unbooted (as plugged) or booted (firmware loaded by a runtime).</summary>
    public required StickUsbState UsbState { get; init; }

    /// <summary>USB vendor id (<c>idVendor</c>), always 03e7 for a stick.</summary>
    public required ushort VendorId { get; init; }

    /// <summary>USB product id (<c>idProduct</c>): 2485, f63b or 2150.</summary>
    public required ushort ProductId { get; init; }

    /// <summary>USB bus number (<c>busnum</c>).</summary>
    public required int BusNumber { get; init; }

    /// <summary>USB device address on the bus (<c>devnum</c>); changes on every re-enumeration.</summary>
    public required int DeviceNumber { get; init; }

    /// <summary>The <c>serial</c> string, if the device has one (an unbooted NCS2 reports "03e72485").</summary>
    public string? Serial { get; init; }

    /// <summary>Link speed in Mbit/s as sysfs writes it (<c>480</c>, <c>5000</c>); NCS2 is slower on USB 2.</summary>
    public string? Speed { get; init; }

    /// <summary>The <c>product</c> string, e.g. "Movidius MyriadX".</summary>
    public string? ProductName { get; init; }

    /// <summary>The <c>manufacturer</c> string, e.g. "Movidius Ltd.".</summary>
    public string? Manufacturer { get; init; }

    /// <summary>True for sticks OpenVINO 2022.3 can drive (NCS2); NCS1 is listed but unsupported.</summary>
    public bool IsSupported => Model == StickModel.Ncs2;

    /// <summary>Vendor and product as lsusb prints them: <c>03e7:2485</c>.</summary>
    public string UsbId => string.Create(CultureInfo.InvariantCulture, $"{VendorId:x4}:{ProductId:x4}");

    /// <summary>
    /// The id OpenVINO's MYRIAD plugin gives this stick: the port chain without the bus number plus the chip name,
    /// <c>1-1.3</c> → <c>1.3-ma2480</c> (XLink names an NCS1 <c>-ma2450</c>, though 2022.3 never lists one).
    /// </summary>
    public string OpenVinoId
    {
        get
        {
            int dash = Port.IndexOf('-', StringComparison.Ordinal);
            string chain = dash >= 0 ? Port[(dash + 1)..] : Port;
            return chain + (Model == StickModel.Ncs1 ? "-ma2450" : "-ma2480");
        }
    }

    /// <summary>The device name to compile a model for this stick: <c>MYRIAD.1.3-ma2480</c>.</summary>
    public string OpenVinoDeviceName => "MYRIAD." + OpenVinoId;
}
