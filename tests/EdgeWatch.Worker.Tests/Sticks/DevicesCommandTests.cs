using System.Text.Json;
using EdgeWatch.Devices.Tests.Fixtures;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Sticks;

/// <summary>`edgewatch devices` on a fixture USB bus: what the daemon would use, and why not.</summary>
public sealed class DevicesCommandTests : IDisposable
{
    private readonly FakeSysfs _sysfs = new();

    [Fact]
    public async Task Lists_sticks_by_port_with_their_openvino_names_and_why_the_runtime_cannot_drive_them_here()
    {
        _sysfs.PlugNcs2("1-1.2.1");
        _sysfs.PlugBootedNcs2("1-1.2.4");
        _sysfs.PlugNcs1("1-1.3");
        _sysfs.PlugOtherDevice("1-1.1");

        await using var command = DaemonProcess.Start("devices", "--json", "--sysfs", _sysfs.Root);
        Assert.Equal(0, await command.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        using var json = JsonDocument.Parse(command.Output);
        var root = json.RootElement;

        Assert.True(root.GetProperty("usb_bus_present").GetBoolean());
        var sticks = root.GetProperty("sticks").EnumerateArray().ToList();
        Assert.Equal(["1-1.2.1", "1-1.2.4", "1-1.3"], sticks.Select(s => s.GetProperty("port").GetString()));
        Assert.Equal(["MYRIAD.1.2.1-ma2480", "MYRIAD.1.2.4-ma2480"], sticks.Take(2).Select(s => s.GetProperty("openvino_device").GetString()));
        Assert.Equal(["unbooted", "booted"], sticks.Take(2).Select(s => s.GetProperty("usb_state").GetString()));
        Assert.False(sticks[2].GetProperty("supported").GetBoolean());
        Assert.StartsWith("unsupported", sticks[2].GetProperty("runtime").GetString(), StringComparison.Ordinal);

        // No OpenVINO on this machine: said once, plainly; the CPU is there.
        var openVino = root.GetProperty("openvino");
        Assert.False(openVino.GetProperty("available").GetBoolean());
        Assert.Contains("libopenvino_c.so not found", openVino.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("unavailable (see OpenVINO below)", sticks[0].GetProperty("runtime").GetString());
        var cpu = root.GetProperty("cpu");
        Assert.True(cpu.GetProperty("available").GetBoolean());
        Assert.StartsWith("1.30", cpu.GetProperty("onnxruntime").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_plainly_when_there_is_no_usb_bus()
    {
        await using var command = DaemonProcess.Start("devices", "--sysfs", _sysfs.Root + "/nowhere");
        Assert.Equal(0, await command.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("not present", command.Output, StringComparison.Ordinal);
        Assert.Contains("CPU: ", command.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _sysfs.Dispose();
}
