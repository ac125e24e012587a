using System.Globalization;
using EdgeWatch.Pipeline.Inference.OpenVino;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// One <c>--device</c> of <c>edgewatch bench</c> or <c>eval</c>: <c>cpu</c>, <c>MYRIAD</c>, <c>MYRIAD.&lt;id&gt;</c>,
/// <c>all-sticks</c> or <c>sim:&lt;ms&gt;</c>.
/// </summary>
/// <param name="Kind">What kind of device.</param>
/// <param name="Text">As given (normalised), for tables.</param>
/// <param name="OpenVinoDevice">For <see cref="DeviceKind.Myriad"/>: the device string to compile for.</param>
/// <param name="Latency">For <see cref="DeviceKind.Simulated"/>: how long each request takes.</param>
internal sealed record DeviceChoice(DeviceKind Kind, string Text, string? OpenVinoDevice, TimeSpan Latency)
{
    /// <summary>What <c>--device</c> accepts, for help and errors.</summary>
    public const string Forms = "cpu, MYRIAD, MYRIAD.<id>, all-sticks or sim:<ms>";

    public static DeviceChoice Cpu { get; } = new(DeviceKind.Cpu, "cpu", null, TimeSpan.Zero);

    /// <summary>As given on the command line (help shows defaults this way).</summary>
    public override string ToString() => Text;

    /// <summary>Reads one device; null with a reason when it is not one of <see cref="Forms"/>.</summary>
    public static DeviceChoice? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        problem = null;
        if (value.Equals("cpu", StringComparison.OrdinalIgnoreCase))
        {
            return Cpu;
        }

        if (value.Equals("all-sticks", StringComparison.OrdinalIgnoreCase))
        {
            return new DeviceChoice(DeviceKind.AllSticks, "all-sticks", null, TimeSpan.Zero);
        }

        if (value.StartsWith(MyriadDeviceName.Family, StringComparison.OrdinalIgnoreCase))
        {
            var device = MyriadDeviceName.Family + value[MyriadDeviceName.Family.Length..];
            if (MyriadDeviceName.IsMyriad(device) && device != MyriadDeviceName.Family + ".")
            {
                return new DeviceChoice(DeviceKind.Myriad, device, device, TimeSpan.Zero);
            }
        }

        if (value.StartsWith("sim:", StringComparison.OrdinalIgnoreCase))
        {
            if (double.TryParse(value[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and <= 60_000)
            {
                var latency = TimeSpan.FromMilliseconds(ms);
                return new DeviceChoice(DeviceKind.Simulated, string.Create(CultureInfo.InvariantCulture, $"sim:{ms:0.###}"), null, latency);
            }

            problem = $"'{text}': sim:<ms> needs a latency in milliseconds, 0 < ms <= 60000 (e.g. sim:60)";
            return null;
        }

        problem = $"'{text}' is not a device: use {Forms}";
        return null;
    }
}
