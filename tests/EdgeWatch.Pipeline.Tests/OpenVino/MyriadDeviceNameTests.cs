using EdgeWatch.Pipeline.Inference.OpenVino;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

public sealed class MyriadDeviceNameTests
{
    [Theory]
    [InlineData("1-1.3", "1.3-ma2480")]
    [InlineData("1-1.4", "1.4-ma2480")]
    [InlineData("3-2", "2-ma2480")]
    [InlineData("1-1.2.4", "1.2.4-ma2480")]
    [InlineData("2-1.3:1.0", "1.3-ma2480")]
    public void A_sysfs_port_maps_to_the_plugins_stick_name_without_the_bus(string port, string expected) =>
        Assert.Equal(expected, MyriadDeviceName.FromUsbPort(port));

    [Theory]
    [InlineData("usb1")]
    [InlineData("1-")]
    [InlineData("1-1..3")]
    [InlineData("-1.3")]
    [InlineData("a-1.3")]
    public void Something_that_is_not_a_device_port_is_refused(string port)
    {
        var error = Assert.Throws<ArgumentException>(() => MyriadDeviceName.FromUsbPort(port));
        Assert.Contains(port, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_stick_is_addressed_by_its_id()
    {
        string[] devices = ["CPU", "MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480"];
        Assert.True(MyriadDeviceName.TryChooseCompileTarget("1.4-ma2480", devices, out var device, out _));
        Assert.Equal("MYRIAD.1.4-ma2480", device);
    }

    [Fact]
    public void The_only_stick_is_addressed_as_plain_MYRIAD()
    {
        Assert.True(MyriadDeviceName.TryChooseCompileTarget("1.3-ma2480", ["CPU", "MYRIAD"], out var device, out _));
        Assert.Equal("MYRIAD", device);
    }

    [Fact]
    public void A_stick_missing_among_several_is_an_error_naming_those_present()
    {
        Assert.False(MyriadDeviceName.TryChooseCompileTarget("1.2-ma2480", ["CPU", "MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480"], out _, out var error));
        Assert.Equal("stick 1.2-ma2480 is not among OpenVINO's MYRIAD devices (MYRIAD.1.3-ma2480, MYRIAD.1.4-ma2480)", error);
    }

    [Fact]
    public void No_stick_at_all_is_an_error_listing_what_OpenVINO_sees()
    {
        Assert.False(MyriadDeviceName.TryChooseCompileTarget("1.3-ma2480", ["CPU", "GPU"], out _, out var error));
        Assert.Equal("stick 1.3-ma2480: OpenVINO lists no MYRIAD device (AVAILABLE_DEVICES: CPU, GPU)", error);
    }

    [Theory]
    [InlineData("MYRIAD", true)]
    [InlineData("MYRIAD.1.3-ma2480", true)]
    [InlineData("MYRIADX", false)]
    [InlineData("CPU", false)]
    public void Myriad_devices_are_recognised_by_family(string device, bool expected) =>
        Assert.Equal(expected, MyriadDeviceName.IsMyriad(device));
}
