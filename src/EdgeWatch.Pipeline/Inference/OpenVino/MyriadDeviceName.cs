using System.Diagnostics.CodeAnalysis;

namespace EdgeWatch.Pipeline.Inference.OpenVino;

/// <summary>
/// How OpenVINO 2022.3's MYRIAD plugin names NCS2 sticks, and which device string to compile for to reach one stick.
/// </summary>
/// <remarks>
/// The plugin names a stick after its USB port chain (libusb's port numbers joined by ".") plus "-ma2480": the stick at
/// sysfs <c>1-1.3</c> (bus 1, ports 1 then 3) is <c>1.3-ma2480</c>; the bus number is not part of it. AVAILABLE_DEVICES
/// lists <c>MYRIAD.&lt;id&gt;</c> per stick only when there are two or more; a single stick appears as plain
/// <c>MYRIAD</c>. Compiling for <c>MYRIAD.&lt;id&gt;</c> binds the model to that stick; plain <c>MYRIAD</c> takes the next
/// unbooted one.
/// </remarks>
public static class MyriadDeviceName
{
    /// <summary>The device family name.</summary>
    public const string Family = "MYRIAD";

    /// <summary>The suffix every Myriad X stick id carries.</summary>
    public const string ChipSuffix = "-ma2480";

    /// <summary>The stick id for a sysfs USB device name: "1-1.3" gives "1.3-ma2480".</summary>
    /// <param name="sysfsName">The directory name under /sys/bus/usb/devices ("1-1.3"); an interface suffix (":1.0") is ignored.</param>
    /// <exception cref="ArgumentException">Not a USB device port ("usb1", a root hub, or malformed).</exception>
    public static string FromUsbPort(string sysfsName)
    {
        ArgumentNullException.ThrowIfNull(sysfsName);
        var name = sysfsName.Trim();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            name = name[..colon];
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var bus = dash > 0 ? name[..dash] : string.Empty;
        var ports = dash > 0 ? name[(dash + 1)..] : string.Empty;
        if (bus.Length == 0 || !bus.All(char.IsAsciiDigit) || ports.Length == 0
            || ports.Split('.').Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException($"'{sysfsName}' is not a USB device port such as 1-1.3", nameof(sysfsName));
        }

        return ports + ChipSuffix;
    }

    /// <summary>Whether an AVAILABLE_DEVICES entry is a Myriad stick ("MYRIAD" or "MYRIAD.&lt;id&gt;").</summary>
    public static bool IsMyriad(string device) =>
        device is not null && (device == Family || device.StartsWith(Family + ".", StringComparison.Ordinal));

    /// <summary>
    /// The device string that reaches stick <paramref name="stickId"/> given what OpenVINO lists: <c>MYRIAD.&lt;id&gt;</c>
    /// when listed, plain <c>MYRIAD</c> when it is the only stick, otherwise an error saying what is listed.
    /// </summary>
    public static bool TryChooseCompileTarget(string stickId, IReadOnlyList<string> availableDevices,
        [NotNullWhen(true)] out string? device, [NotNullWhen(false)] out string? error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stickId);
        ArgumentNullException.ThrowIfNull(availableDevices);
        var sticks = availableDevices.Where(IsMyriad).ToList();
        var wanted = $"{Family}.{stickId}";
        if (sticks.Contains(wanted, StringComparer.Ordinal))
        {
            (device, error) = (wanted, null);
            return true;
        }

        if (sticks.Count == 1 && sticks[0] == Family)
        {
            // Exactly one stick: OpenVINO lists it without an id, so it can only be this one.
            (device, error) = (Family, null);
            return true;
        }

        device = null;
        error = sticks.Count == 0
            ? $"stick {stickId}: OpenVINO lists no MYRIAD device (AVAILABLE_DEVICES: {Describe(availableDevices)})"
            : $"stick {stickId} is not among OpenVINO's MYRIAD devices ({Describe(sticks)})";
        return false;
    }

    private static string Describe(IReadOnlyList<string> devices) => devices.Count == 0 ? "none" : string.Join(", ", devices);
}
