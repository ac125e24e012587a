using System.CommandLine;
using System.Text.Json;
using EdgeWatch.Devices.Sticks;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Inference.OpenVino;

namespace EdgeWatch.Worker.Cli;

/// <summary>
/// <c>edgewatch devices [--json] [--sysfs DIR]</c>: the sticks on the USB bus and the CPU, as the daemon would see them —
/// port, model, USB state, OpenVINO device name, and whether a runtime can drive them.
/// </summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object" };
        var sysfs = new Option<string>("--sysfs") { Description = "sysfs root to scan", DefaultValueFactory = _ => UsbInventory.DefaultSysfsRoot };
        var openVino = new Option<string?>("--openvino-library") { Description = "libopenvino_c.so to use (default: the standard install locations)" };
        var command = new Command("devices", "List the NCS2 sticks and the CPU the daemon would use") { json, sysfs, openVino };
        command.SetAction((r, _) => CliErrors.GuardAsync(() => Task.FromResult(Run(r.GetValue(json), r.GetRequiredValue(sysfs), r.GetValue(openVino)))));
        return command;
    }

    private static int Run(bool json, string sysfs, string? openVinoLibrary)
    {
        var scan = UsbInventory.Scan(sysfs);
        var openVino = Probe(openVinoLibrary);
        var cpu = ProbeCpu();
        if (json)
        {
            WriteJson(sysfs, scan, openVino, cpu);
            return 0;
        }

        Console.WriteLine(scan.BusPresent
            ? $"USB bus {UsbInventory.DevicesDirectory(sysfs)}: {scan.Sticks.Count(s => s.IsSupported)} NCS2 stick(s), {scan.Sticks.Count(s => !s.IsSupported)} unsupported"
            : $"USB bus {UsbInventory.DevicesDirectory(sysfs)}: not present (a VM or container without USB, or a wrong --sysfs)");
        if (scan.Sticks.Count > 0)
        {
            Console.WriteLine($"  {"PORT",-12}{"MODEL",-7}{"USB",-11}{"STATE",-10}{"OPENVINO DEVICE",-24}RUNTIME");
            foreach (var stick in scan.Sticks)
            {
                Console.WriteLine($"  {stick.Port,-12}{stick.Model.ToString().ToUpperInvariant(),-7}{stick.UsbId,-11}{stick.UsbState.ToString().ToLowerInvariant(),-10}{stick.OpenVinoDeviceName,-24}{RuntimeFor(stick, openVino)}");
            }
        }

        Console.WriteLine(openVino.Reason is null
            ? $"OpenVINO {openVino.Version} ({openVino.Library}); devices: {string.Join(", ", openVino.Devices)}"
            : $"OpenVINO: {openVino.Reason}");
        Console.WriteLine(cpu.Reason is null
            ? $"CPU: {Environment.ProcessorCount} core(s), ONNX Runtime {cpu.Version} ({cpu.Library})"
            : $"CPU: {Environment.ProcessorCount} core(s), ONNX Runtime unavailable: {cpu.Reason}");
        return 0;
    }

    private static string RuntimeFor(Stick stick, OpenVinoProbe openVino) =>
        !stick.IsSupported ? "unsupported (NCS1: OpenVINO 2022.3 dropped it)"
        : openVino.Reason is not null ? "unavailable (see OpenVINO below)"
        : MyriadDeviceName.TryChooseCompileTarget(stick.OpenVinoId, openVino.Devices, out var device, out var error) ? $"ready ({device})"
        : $"not seen by OpenVINO: {error}";

    private static OpenVinoProbe Probe(string? library)
    {
        if (!OpenVinoRuntime.TryOpen(new OpenVinoOptions { LibraryPath = library }, null, out var runtime, out var reason))
        {
            return new OpenVinoProbe(null, null, [], reason);
        }

        using (runtime)
        {
            var myriad = runtime.CheckMyriad();
            var devices = runtime.ListDevices();
            return new OpenVinoProbe(runtime.Version.BuildNumber, runtime.LibraryPath, devices, runtime.Version.HasMyriadPlugin ? null : myriad.Reason);
        }
    }

    private static (string? Version, string? Library, string? Reason) ProbeCpu()
    {
        try
        {
            return (OnnxRuntimeEngine.RuntimeVersion, OnnxRuntimeEngine.LibraryPath, null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or NotSupportedException)
        {
            return (null, null, e.Message);
        }
    }

    private static void WriteJson(string sysfs, UsbScanResult scan, OpenVinoProbe openVino, (string? Version, string? Library, string? Reason) cpu)
    {
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("sysfs", sysfs);
        writer.WriteBoolean("usb_bus_present", scan.BusPresent);
        writer.WriteStartArray("sticks");
        foreach (var stick in scan.Sticks)
        {
            writer.WriteStartObject();
            writer.WriteString("port", stick.Port);
            writer.WriteString("model", stick.Model.ToString().ToLowerInvariant());
            writer.WriteString("usb_id", stick.UsbId);
            writer.WriteString("usb_state", stick.UsbState.ToString().ToLowerInvariant());
            writer.WriteBoolean("supported", stick.IsSupported);
            writer.WriteString("openvino_device", stick.OpenVinoDeviceName);
            writer.WriteString("runtime", RuntimeFor(stick, openVino));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("openvino");
        writer.WriteBoolean("available", openVino.Reason is null);
        writer.WriteString("version", openVino.Version);
        writer.WriteString("library", openVino.Library);
        writer.WriteString("reason", openVino.Reason);
        writer.WriteStartArray("devices");
        foreach (var device in openVino.Devices)
        {
            writer.WriteStringValue(device);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("cpu");
        writer.WriteNumber("cores", Environment.ProcessorCount);
        writer.WriteBoolean("available", cpu.Reason is null);
        writer.WriteString("onnxruntime", cpu.Version);
        writer.WriteString("library", cpu.Library);
        writer.WriteString("reason", cpu.Reason);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        stdout.WriteByte((byte)'\n');
    }

    private sealed record OpenVinoProbe(string? Version, string? Library, IReadOnlyList<string> Devices, string? Reason);
}
