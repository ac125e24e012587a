using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OpenVino;
using EdgeWatch.Pipeline.Interop.OpenVino;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

[Collection(FakeOpenVinoGroup.Name)]
public sealed class OpenVinoEngineTests(FakeOpenVinoFixture fixture) : FakeOpenVinoTest(fixture)
{
    private const string UniformRgbInput = """
        "name": "image", "width": 300, "height": 300, "layout": "NCHW", "elementType": "float32",
        "colorOrder": "RGB", "scale": 1.0, "mean": [127, 127, 127], "std": [128, 128, 128], "resize": "stretch"
        """;

    private const string ImageNetInput = """
        "name": "image", "width": 300, "height": 300, "layout": "NCHW", "elementType": "float32",
        "colorOrder": "RGB", "scale": 0.003921569, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "resize": "stretch"
        """;

    [Fact]
    public void An_IR_model_is_compiled_for_the_exact_stick_its_port_names()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetDevices("CPU", "MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480");
        fake.ExpectCompileDevice("MYRIAD.1.3-ma2480");
        fake.ExpectInputElement("u8");
        var model = FakeDetector.Write(TemporaryDirectory());
        using var runtime = Open(fake);

        Assert.True(MyriadDeviceName.TryChooseCompileTarget(MyriadDeviceName.FromUsbPort("1-1.3"), runtime.ListDevices(), out var device, out var error), error);
        using var engine = OpenVinoEngine.Load(runtime, model, device);

        Assert.Equal("MYRIAD.1.3-ma2480", engine.Device);
        Assert.Equal("PERFORMANCE_HINT=THROUGHPUT;", fake.LastCompileProperties);
        Assert.Equal(4, engine.OptimalRequests);
        Assert.Equal(4, engine.MaxRequests);
        Assert.True(engine.PreprocessingInGraph);
        Assert.Equal("tensor=u8 NHWC BGR; convert_color=-; convert=-; mean=-; scale=-; model=NCHW; outputs=f32", fake.LastPreprocessing);
        Assert.Equal((TensorElementType.UInt8, TensorLayout.Nhwc, ColorOrder.Bgr), (engine.Input.ElementType, engine.Input.Layout, engine.Input.ColorOrder));
        Assert.Equal([1, 300, 300, 3], engine.Input.TensorShape);
        var output = Assert.Single(engine.Outputs);
        Assert.Equal(new TensorDescription("detection_out", "float32", [1, 1, 100, 7]).ToString(), output.ToString());
    }

    [Fact]
    public void An_ONNX_model_is_read_without_a_weights_file()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        var model = FakeDetector.Write(TemporaryDirectory(), format: "onnx");
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, model, "CPU");
        Assert.Equal("CPU", engine.Device);
        Assert.Single(engine.Outputs);
    }

    [Fact]
    public void A_request_count_setting_overrides_the_devices_own_and_is_passed_as_a_hint()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetOptimalRequests(6);
        var model = FakeDetector.Write(TemporaryDirectory());
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, model, "MYRIAD",
            new OpenVinoOptions { RequestsPerDevice = 2, PerformanceHint = OpenVinoPerformanceHint.Latency });
        Assert.Equal("PERFORMANCE_HINT=LATENCY;PERFORMANCE_HINT_NUM_REQUESTS=2;", fake.LastCompileProperties);
        Assert.Equal(6, engine.OptimalRequests);
        Assert.Equal(2, engine.MaxRequests);
    }

    [Fact]
    public void One_mean_and_one_scale_for_all_channels_and_RGB_order_are_built_into_the_graph()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.ExpectInputElement("u8");
        var model = FakeDetector.Write(TemporaryDirectory(), input: UniformRgbInput);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, model, "MYRIAD");
        Assert.True(engine.PreprocessingInGraph);
        Assert.Equal("tensor=u8 NHWC BGR; convert_color=RGB; convert=f32; mean=127; scale=128; model=NCHW; outputs=f32", fake.LastPreprocessing);
        Assert.Equal(ColorOrder.Bgr, engine.Input.ColorOrder);
        Assert.Equal([0f, 0f, 0f], engine.Input.Mean);
    }

    [Fact]
    public void A_model_normalised_per_channel_is_fed_float32_prepared_on_the_host()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.ExpectInputElement("f32");
        var model = FakeDetector.Write(TemporaryDirectory(), input: ImageNetInput);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, model, "CPU");
        Assert.False(engine.PreprocessingInGraph);
        Assert.Equal("tensor=f32 - -; convert_color=-; convert=-; mean=-; scale=-; model=-; outputs=f32", fake.LastPreprocessing);
        Assert.Equal(model.Preprocess, engine.Input);
        Assert.Equal([1, 3, 300, 300], engine.Input.TensorShape);
        using var request = engine.CreateRequest();
        request.Run(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_compile_failure_on_a_stick_is_a_device_problem_carrying_the_runtimes_message()
    {
        var fake = Fixture.WithErrorText;
        FakeDetector.Configure(fake);
        fake.SetDevices("CPU", "MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480");
        fake.FailCompile("MYRIAD.1.3-ma2480", "Failed to allocate graph: NC_OUT_OF_MEMORY");
        var model = FakeDetector.Write(TemporaryDirectory());
        using var runtime = Open(fake);
        var error = Assert.Throws<DeviceUnavailableException>(() => OpenVinoEngine.Load(runtime, model, "MYRIAD.1.3-ma2480"));
        Assert.Equal("MYRIAD.1.3-ma2480: OpenVINO cannot compile fake-ssd for it: ov_core_compile_model failed: GENERAL_ERROR (-1): Failed to allocate graph: NC_OUT_OF_MEMORY",
            error.Message);
        Assert.Equal(OpenVinoStatus.GeneralError, Assert.IsType<OpenVinoException>(error.InnerException).Status);
    }

    [Fact]
    public void A_compile_failure_on_a_stick_is_a_device_problem_even_without_error_text()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.FailCompile("MYRIAD", "Can not init Myriad device: NC_ERROR");
        var model = FakeDetector.Write(TemporaryDirectory());
        using var runtime = Open(fake);
        var error = Assert.Throws<DeviceUnavailableException>(() => OpenVinoEngine.Load(runtime, model, "MYRIAD"));
        Assert.Equal("MYRIAD: OpenVINO cannot compile fake-ssd for it: ov_core_compile_model failed: GENERAL_ERROR (-1) (this OpenVINO reports no error text)",
            error.Message);
    }

    [Fact]
    public void A_stick_the_runtime_does_not_know_is_refused_by_it()
    {
        var fake = Fixture.WithErrorText;
        FakeDetector.Configure(fake);
        fake.SetDevices("CPU", "MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480");
        var model = FakeDetector.Write(TemporaryDirectory());
        using var runtime = Open(fake);
        var error = Assert.Throws<DeviceUnavailableException>(() => OpenVinoEngine.Load(runtime, model, "MYRIAD.9.9-ma2480"));
        Assert.EndsWith("Myriad device: 9.9-ma2480 not found.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compile_failure_on_the_CPU_is_a_model_problem()
    {
        var fake = Fixture.WithErrorText;
        FakeDetector.Configure(fake);
        fake.FailCompile("CPU", "Cannot create Interpolate layer: unsupported mode");
        var model = FakeDetector.Write(TemporaryDirectory());
        using var runtime = Open(fake);
        var error = Assert.Throws<ModelLoadException>(() => OpenVinoEngine.Load(runtime, model, "CPU"));
        Assert.Equal($"{model.ModelPath}: OpenVINO cannot compile it for CPU: ov_core_compile_model failed: GENERAL_ERROR (-1): Cannot create Interpolate layer: unsupported mode",
            error.Message);
    }

    [Fact]
    public void Missing_weights_are_a_model_load_error_naming_the_file()
    {
        var fake = Fixture.WithErrorText;
        FakeDetector.Configure(fake);
        var model = FakeDetector.Write(TemporaryDirectory());
        File.Delete(model.WeightsPath!);
        using var runtime = Open(fake);
        var error = Assert.Throws<ModelLoadException>(() => OpenVinoEngine.Load(runtime, model, "CPU"));
        Assert.Equal($"{model.ModelPath}: OpenVINO cannot read it: ov_core_read_model failed: NETWORK_NOT_READ (-12): Unable to read the weights: {model.WeightsPath}",
            error.Message);
    }

    [Fact]
    public void An_input_size_other_than_the_manifests_is_refused()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetModelInput("image", [1, 3, 320, 320], "f32");
        var model = FakeDetector.Write(TemporaryDirectory());
        using var runtime = Open(fake);
        var error = Assert.Throws<ModelLoadException>(() => OpenVinoEngine.Load(runtime, model, "CPU"));
        Assert.EndsWith("input.width x input.height is 300x300 but the model's input is 'image' float32[1,3,320,320]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_double_catches_a_device_string_other_than_the_expected_one()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetDevices("CPU", "MYRIAD.1.3-ma2480", "MYRIAD.1.4-ma2480");
        fake.ExpectCompileDevice("MYRIAD.1.3-ma2480");
        var model = FakeDetector.Write(TemporaryDirectory());
        using var runtime = Open(fake);
        Assert.ThrowsAny<IOException>(() => OpenVinoEngine.Load(runtime, model, "MYRIAD.1.4-ma2480"));
        Assert.Equal("ov_core_compile_model: device \"MYRIAD.1.4-ma2480\", expected \"MYRIAD.1.3-ma2480\"", TakeViolation(fake));
    }

    [Fact]
    public void Every_native_object_is_freed_once_no_longer_needed()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        var model = FakeDetector.Write(TemporaryDirectory());
        var runtime = Open(fake);
        var engine = OpenVinoEngine.Load(runtime, model, "MYRIAD");

        // The source and the pre-processed model, the ports, layouts and strings are gone once the model is compiled.
        Assert.Equal("compiled_model=1 core=1", Normalise(fake.LiveSummary));
        var first = engine.CreateRequest();
        var second = engine.CreateRequest();
        Assert.Equal(2, fake.LiveObjectsOf("infer_request"));
        Assert.Equal(2, fake.LiveObjectsOf("tensor"));
        first.Run(TimeSpan.FromSeconds(10));
        Assert.Equal(2, fake.LiveObjectsOf("tensor"));

        first.Dispose();
        Assert.Equal(1, fake.LiveObjectsOf("infer_request"));
        runtime.Dispose(); // the engine still holds the core
        Assert.Equal(1, fake.LiveObjectsOf("core"));
        engine.Dispose(); // and its remaining request
        Assert.Equal(0, fake.LiveObjects);
        second.Dispose();
    }

    [Fact]
    public void A_disposed_runtime_refuses_to_load_instead_of_passing_a_freed_core_to_C()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        var model = FakeDetector.Write(TemporaryDirectory());
        var runtime = Open(fake);
        runtime.Dispose();
        Assert.Throws<ObjectDisposedException>(() => OpenVinoEngine.Load(runtime, model, "CPU"));
        Assert.Throws<ObjectDisposedException>(() => runtime.ListDevices());
        Assert.False(runtime.CheckMyriad().IsAvailable);
    }

    [Fact]
    public void The_temperature_of_the_stick_running_the_model_is_read_in_celsius()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetThermal("39.75");
        var model = FakeDetector.Write(TemporaryDirectory());
        using var runtime = Open(fake);
        using (var stick = OpenVinoEngine.Load(runtime, model, "MYRIAD"))
        {
            Assert.Equal(39.75f, stick.ReadDeviceThermal());
        }

        using var cpu = OpenVinoEngine.Load(runtime, model, "CPU");
        Assert.Null(cpu.ReadDeviceThermal());
    }

    private static string Normalise(string summary) => string.Join(' ', summary.Split(' ').Order(StringComparer.Ordinal));
}
