using EdgeWatch.Pipeline.Inference.OpenVino;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

[Collection(FakeOpenVinoGroup.Name)]
public sealed class OpenVinoRuntimeTests(FakeOpenVinoFixture fixture) : FakeOpenVinoTest(fixture)
{
    [Fact]
    public void The_version_is_read_from_the_runtime()
    {
        using var runtime = Open(Fixture.Faithful);
        Assert.Equal("2022.3.0", runtime.Version.ToString());
        Assert.Equal("2022.3.0-9052-9752fafe8eb-releases/2022/3", runtime.Version.BuildNumber);
        Assert.Equal("OpenVINO Runtime", runtime.Version.Description);
        Assert.Equal(Fixture.Faithful.LibraryPath, runtime.LibraryPath);
    }

    [Fact]
    public void One_stick_is_listed_as_plain_MYRIAD()
    {
        Fixture.Faithful.SetDevices("CPU", "MYRIAD");
        using var runtime = Open(Fixture.Faithful);
        Assert.Equal(["CPU", "MYRIAD"], runtime.ListDevices());
        var myriad = runtime.CheckMyriad();
        Assert.True(myriad.IsAvailable, myriad.Reason);
        Assert.Equal(["MYRIAD"], myriad.Devices);
    }

    [Fact]
    public void Two_sticks_are_listed_by_their_ids()
    {
        Fixture.Faithful.SetDevices("CPU", "MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480");
        using var runtime = Open(Fixture.Faithful);
        Assert.Equal(["CPU", "MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480"], runtime.ListDevices());
        Assert.Equal(["MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480"], runtime.CheckMyriad().Devices);
    }

    [Fact]
    public void A_2022_3_runtime_without_sticks_says_it_sees_none()
    {
        Fixture.Faithful.SetDevices("CPU");
        using var runtime = Open(Fixture.Faithful);
        var myriad = runtime.CheckMyriad();
        Assert.False(myriad.IsAvailable);
        Assert.Empty(myriad.Devices);
        Assert.Equal("OpenVINO 2022.3.0 sees no NCS2 stick (AVAILABLE_DEVICES: CPU); check the USB connection and OpenVINO's udev rules (97-myriad-usbboot.rules)",
            myriad.Reason);
    }

    [Fact]
    public void A_runtime_without_the_MYRIAD_plugin_gives_a_clear_reason()
    {
        Fixture.Faithful.SetVersion("2024.0.0-14509-34caeefd078-releases/2024/0");
        Fixture.Faithful.SetDevices("CPU", "GPU");
        using var runtime = Open(Fixture.Faithful);
        Assert.Equal(["CPU", "GPU"], runtime.ListDevices());
        var myriad = runtime.CheckMyriad();
        Assert.False(myriad.IsAvailable);
        Assert.Equal("OpenVINO 2024.0.0 has no MYRIAD plugin (NCS2 needs 2022.3)", myriad.Reason);
    }

    [Fact]
    public void An_unknown_future_version_is_refused_with_a_clear_reason()
    {
        Fixture.Faithful.SetVersion("2099.1.0-1-abcdef-releases/2099/1");
        Assert.False(OpenVinoRuntime.TryOpen(new OpenVinoOptions { LibraryPath = Fixture.Faithful.LibraryPath }, null, out var runtime, out var reason));
        Assert.Null(runtime);
        Assert.StartsWith("OpenVINO 2099.1.0 is newer than any release EdgeWatch knows (2022.3 to 2026.x): its element-type numbering cannot be trusted", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_before_the_final_C_API_is_refused()
    {
        Fixture.Faithful.SetVersion("2022.2.0-7713-af16ea1d79a-releases/2022/2");
        Assert.False(OpenVinoRuntime.TryOpen(new OpenVinoOptions { LibraryPath = Fixture.Faithful.LibraryPath }, null, out _, out var reason));
        Assert.Equal("OpenVINO 2022.2.0 predates the 2.0 C API EdgeWatch binds (2022.3 or later; an NCS2 needs 2022.3)", reason);
    }

    [Theory]
    [InlineData("2022.3.0-9052-9752fafe8eb-releases/2022/3", "2022.3 – 2024.1")]
    [InlineData("2023.3.0-13775-ceeafaf64f3-releases/2023/3", "2022.3 – 2024.1")]
    [InlineData("2024.1.0-15008-f4afc983258-releases/2024/1", "2022.3 – 2024.1")]
    [InlineData("2024.2.0-15519-5c0f38f83f6-releases/2024/2", "2024.2 – 2025.0")]
    [InlineData("2025.0.0-17942-1f68be9f594-releases/2025/0", "2024.2 – 2025.0")]
    [InlineData("2025.1.0-18503-6fec06580ab-releases/2025/1", "2025.1 – 2026.x")]
    [InlineData("2026.1.0-20000-f3a30a671d3-releases/2026/1", "2025.1 – 2026.x")]
    public void The_element_type_numbering_follows_the_runtime_release(string buildNumber, string numbering)
    {
        Fixture.Faithful.SetVersion(buildNumber);
        using var runtime = Open(Fixture.Faithful);
        Assert.Equal(numbering, runtime.ElementTypeNumbering);
    }

    [Fact]
    public void A_missing_library_is_a_reason_not_an_exception()
    {
        var path = Path.Combine(TemporaryDirectory(), "libopenvino_c.so");
        Assert.False(OpenVinoRuntime.TryOpen(new OpenVinoOptions { LibraryPath = path }, null, out var runtime, out var reason));
        Assert.Null(runtime);
        Assert.Equal($"runtime unavailable: libopenvino_c.so not found (looked in {path})", reason);
    }

    [Fact]
    public void Without_a_setting_the_standard_install_locations_are_searched_and_named()
    {
        Assert.False(File.Exists("/opt/intel/openvino_2022/runtime/lib/intel64/libopenvino_c.so"), "this machine has OpenVINO installed");
        Assert.False(OpenVinoRuntime.TryOpen(null, null, out _, out var reason));
        Assert.StartsWith("runtime unavailable: libopenvino_c.so not found (looked in ", reason, StringComparison.Ordinal);
        Assert.Contains("/opt/intel/openvino_2022/runtime/lib/intel64/libopenvino_c.so", reason, StringComparison.Ordinal);
        Assert.Contains("/opt/intel/openvino/runtime/lib/aarch64/libopenvino_c.so", reason, StringComparison.Ordinal);
        Assert.Contains("/opt/intel/openvino_2022/runtime/lib/armv7l/libopenvino_c.so", reason, StringComparison.Ordinal);
        Assert.Contains("/usr/local/lib/libopenvino_c.so", reason, StringComparison.Ordinal);
        Assert.EndsWith("and the system library path)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_without_the_API_is_reported_by_the_missing_function()
    {
        Assert.False(OpenVinoRuntime.TryOpen(new OpenVinoOptions { LibraryPath = Fixture.NotOpenVinoPath }, null, out _, out var reason));
        Assert.Equal($"runtime unavailable: {Fixture.NotOpenVinoPath} does not export ov_get_openvino_version: not an OpenVINO 2022.3-or-later C API library (libopenvino_c.so)",
            reason);
    }

    [Fact]
    public void A_bad_setting_is_refused_by_its_key()
    {
        var options = new OpenVinoOptions { LibraryPath = Fixture.Faithful.LibraryPath, RequestsPerDevice = 100 };
        Assert.False(OpenVinoRuntime.TryOpen(options, null, out _, out var reason));
        Assert.StartsWith("runtime unavailable: OpenVino:RequestsPerDevice: ", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_name_and_temperature_are_read_per_device()
    {
        Fixture.Faithful.SetDevices("CPU", "MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480");
        Fixture.Faithful.SetThermal("43.25");
        using var runtime = Open(Fixture.Faithful);
        Assert.Equal("Intel Movidius Myriad X VPU", runtime.ReadFullDeviceName("MYRIAD.1.3-ma2480"));
        Assert.Equal(43.25f, runtime.ReadDeviceThermal("MYRIAD.1.4-ma2480"));
        Assert.Null(runtime.ReadDeviceThermal("CPU"));
        Assert.Null(runtime.ReadFullDeviceName("GPU"));
    }
}
