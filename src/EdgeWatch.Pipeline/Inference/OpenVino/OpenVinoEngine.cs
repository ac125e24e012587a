using System.Globalization;
using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Interop.OpenVino;
using EdgeWatch.Pipeline.Interop.OpenVino.Handles;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Pipeline.Inference.OpenVino;

/// <summary>
/// A model compiled by OpenVINO onto one device (an NCS2 stick as <c>MYRIAD.1.3-ma2480</c> or <c>MYRIAD</c>, or
/// <c>CPU</c>, <c>GPU</c>). Requests run asynchronously on the device, each waited for with its own deadline.
/// </summary>
/// <remarks>
/// <para>
/// Where OpenVINO's C API can express the model's pre-processing, it is built into the graph: requests then take the frame
/// as <see cref="FramePreprocessor"/> prepares it, raw u8 BGR in NHWC at the model's size, and the device converts the
/// element type, the layout and the colour order and applies the mean and scale. The C API of 2022.3 takes one mean and
/// one scale value for all channels (per-channel variants came in 2025), so a model normalised per channel (ImageNet
/// mean/std) is fed float32 prepared on the host instead, as the ONNX Runtime backend does; <see cref="Input"/> says which.
/// Resizing stays on the host either way: the letterbox geometry must be exactly the one the decoder maps back through.
/// </para>
/// <para>
/// <see cref="CreateRequest"/> and <see cref="Dispose"/> are thread-safe; each request is used by one thread at a time
/// (its <c>Abort</c> by any). Disposing the engine disposes its requests.
/// </para>
/// </remarks>
public sealed partial class OpenVinoEngine : IInferenceEngine, IThermalSensor
{
    private readonly OpenVinoRuntime _runtime;
    private readonly OvCompiledModel _compiled;
    private readonly List<OpenVinoRequest> _requests = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    private OpenVinoEngine(OpenVinoRuntime runtime, ModelDefinition model, OvCompiledModel compiled, PreprocessSpec input,
        IReadOnlyList<TensorDescription> outputs, bool preprocessingInGraph, int optimalRequests, int maxRequests)
    {
        PreprocessingInGraph = preprocessingInGraph;
        _runtime = runtime;
        _compiled = compiled;
        Model = model;
        Input = input;
        Outputs = outputs;
        OptimalRequests = optimalRequests;
        MaxRequests = maxRequests;
    }

    public string Device => _compiled.Device;

    public ModelDefinition Model { get; }

    /// <summary>
    /// What requests take: raw u8 BGR NHWC when the pre-processing is in the graph (<see cref="PreprocessingInGraph"/>),
    /// otherwise the model's own float32 specification, prepared on the host.
    /// </summary>
    public PreprocessSpec Input { get; }

    /// <summary>The model's outputs, all delivered as float32.</summary>
    public IReadOnlyList<TensorDescription> Outputs { get; }

    /// <summary>OPTIMAL_NUMBER_OF_INFER_REQUESTS of the compiled model, or <see cref="OpenVinoOptions.RequestsPerDevice"/>.</summary>
    public int MaxRequests { get; }

    /// <summary>What the device itself suggests (OPTIMAL_NUMBER_OF_INFER_REQUESTS; 4 for an NCS2 under THROUGHPUT).</summary>
    public int OptimalRequests { get; }

    /// <summary>Whether colour, layout, element type and normalisation are done by the device.</summary>
    public bool PreprocessingInGraph { get; }

    /// <summary>Reads an IR (.xml + .bin) or ONNX model, builds its pre-processing, and compiles it for <paramref name="device"/>.</summary>
    /// <exception cref="ModelLoadException">The model is missing, unreadable, or does not match its manifest.</exception>
    /// <exception cref="DeviceUnavailableException">The device refused the model (stick missing, busy or out of memory).</exception>
    public static OpenVinoEngine Load(OpenVinoRuntime runtime, ModelDefinition model, string device, OpenVinoOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        options ??= new OpenVinoOptions();
        options.Validate();
        if (model.Format is not ("openvino-ir" or "onnx"))
        {
            throw new ModelLoadException($"{model.ModelPath}: OpenVINO reads IR (.xml + .bin) and ONNX models; this is {model.Format}");
        }

        // The engine holds the core from here on, so a runtime disposed first cannot free it under the engine.
        var added = false;
        runtime.Core.Handle.DangerousAddRef(ref added);
        try
        {
            return LoadHoldingCore(runtime, model, device, options);
        }
        catch
        {
            runtime.Core.Handle.DangerousRelease();
            throw;
        }
    }

    private static OpenVinoEngine LoadHoldingCore(OpenVinoRuntime runtime, ModelDefinition model, string device, OpenVinoOptions options)
    {
        var api = runtime.Api;
        var types = runtime.ElementTypes;

        var read = Attempt(model, () => runtime.Core.ReadModel(model.ModelPath, model.Format == "openvino-ir" ? model.WeightsPath : null),
            "OpenVINO cannot read it");
        OvModelHandle built;
        PreprocessSpec input;
        bool inGraph;
        int inputIndex;
        IReadOnlyList<TensorDescription> outputs;
        using (read)
        {
            var inputs = Attempt(model, () => OvModelPorts.Inputs(api, read, types), "OpenVINO cannot describe its inputs");
            inputIndex = ChooseInput(model, inputs);
            var outputCount = Attempt(model, () => OvModelPorts.Outputs(api, read, types), "OpenVINO cannot describe its outputs").Count;
            (var plan, input, inGraph) = PlanInput(runtime, model, inputIndex);
            built = Attempt(model, () => OvPrePostProcessor.Build(api, read, types, plan, outputCount), "OpenVINO cannot build its pre-processing");
        }

        OvCompiledModel compiled;
        using (built)
        {
            outputs = [.. Attempt(model, () => OvModelPorts.Outputs(api, built, types), "OpenVINO cannot describe its outputs").Select(o => o.ToDescription())];
            ModelInputCheck.CheckDecoder(model, outputs);
            compiled = Compile(runtime, model, built, device, inputIndex, options);
        }

        try
        {
            var optimal = ReadOptimalRequests(runtime, compiled);
            var max = options.RequestsPerDevice > 0 ? options.RequestsPerDevice : optimal;
            var engine = new OpenVinoEngine(runtime, model, compiled, input, outputs, inGraph, optimal, max);
            LogCompiled(runtime.Logger, model.Name, device, optimal, max, engine.PreprocessingInGraph ? "in the graph (u8 BGR NHWC frames)" : "on the host (float32 frames)");
            return engine;
        }
        catch
        {
            compiled.Dispose();
            throw;
        }
    }

    public IInferenceRequest CreateRequest()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var input = new TensorBuffer(Input.ElementType, Input.TensorShape);
            var outputs = Outputs.Select(o => new OutputTensor(o.Name, [.. o.Shape.Select(d => d > 0 ? (int)d : 1)])).ToList();
            OvInferenceBinding binding;
            try
            {
                binding = _compiled.CreateRequest(input, outputs);
            }
            catch (OpenVinoException e) when (IsDeviceFailure(e, Device))
            {
                throw new DeviceLostException($"{Device}: cannot create an inference request: {e.Message}", e);
            }

            var request = new OpenVinoRequest(this, input, outputs, binding);
            _requests.Add(request);
            return request;
        }
    }

    public float? ReadTemperature() => ReadDeviceThermal();

    /// <summary>DEVICE_THERMAL of the stick this model runs on, in °C; null when the device does not report it.</summary>
    public float? ReadDeviceThermal()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            try
            {
                return OpenVinoRuntime.ParseCelsius(_compiled.GetProperty("DEVICE_THERMAL"));
            }
            catch (OpenVinoException)
            {
                return null;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var request in _requests.ToList())
            {
                request.Dispose();
            }

            // Requests still held by a hung device are freed in the background; the runtime keeps the compiled model's
            // internals alive for them, so freeing this handle now is safe.
            _compiled.Dispose();
            _runtime.Core.Handle.DangerousRelease();
        }
    }

    internal void Forget(OpenVinoRequest request)
    {
        lock (_gate)
        {
            _requests.Remove(request);
        }
    }

    private static T Attempt<T>(ModelDefinition model, Func<T> step, string what)
    {
        try
        {
            return step();
        }
        catch (OpenVinoException e)
        {
            throw new ModelLoadException($"{model.ModelPath}: {what}: {e.Message}", e);
        }
    }

    private static int ChooseInput(ModelDefinition model, IReadOnlyList<OvPortInfo> inputs)
    {
        var index = ModelInputCheck.ChooseInput(model, [.. inputs.Select(i => (i.Name, i.ToString()))]);
        var port = inputs[index];
        var fits = model.Preprocess.ElementType == TensorElementType.Float32
            ? port.ElementType is OvElementType.F32 or OvElementType.F16
            : port.ElementType == OvElementType.U8;
        ModelInputCheck.CheckInput(model, port.Shape, port.ToString(), fits, requireStaticSize: true);
        return index;
    }

    /// <summary>Decides where pre-processing happens and what requests are fed.</summary>
    private static (OvInputPlan Plan, PreprocessSpec Input, bool InGraph) PlanInput(OpenVinoRuntime runtime, ModelDefinition model, int index)
    {
        var spec = model.Preprocess;
        var identity = spec.Scale == 1f && spec.Mean.All(m => m == 0f) && spec.Std.All(s => s == 1f);
        var uniform = spec.Mean.Distinct().Count() == 1 && spec.Std.Distinct().Count() == 1;
        if (!identity && !(uniform && runtime.Api.HasMeanAndScale))
        {
            var why = uniform
                ? $"OpenVINO {runtime.Version} lacks ov_preprocess_preprocess_steps_mean/scale"
                : $"its per-channel mean ({string.Join(", ", spec.Mean)}) and std ({string.Join(", ", spec.Std)}) cannot be expressed through the C API (one value per step)";
            LogHostPreprocessing(runtime.Logger, model.Name, why);
            var hostPlan = new OvInputPlan { InputIndex = index, TensorElementType = OvElementType.F32 };
            return (hostPlan, spec with { ElementType = TensorElementType.Float32 }, false);
        }

        // (pixel * Scale - Mean) / Std == (pixel - Mean / Scale) / (Std / Scale): OpenVINO's mean subtracts and its scale divides.
        float? mean = identity || spec.Mean[0] == 0f ? null : spec.Mean[0] / spec.Scale;
        float? divisor = identity || spec.Std[0] / spec.Scale == 1f ? null : spec.Std[0] / spec.Scale;
        var plan = new OvInputPlan
        {
            InputIndex = index,
            TensorElementType = OvElementType.U8,
            TensorLayout = "NHWC",
            ModelLayout = spec.Layout == TensorLayout.Nchw ? "NCHW" : "NHWC",
            TensorColor = OvColorFormat.Bgr,
            ConvertColorTo = spec.ColorOrder == ColorOrder.Rgb ? OvColorFormat.Rgb : null,
            ConvertElementTo = mean is null && divisor is null ? null : OvElementType.F32,
            Mean = mean,
            Scale = divisor,
        };
        var input = spec with
        {
            Layout = TensorLayout.Nhwc,
            ElementType = TensorElementType.UInt8,
            ColorOrder = ColorOrder.Bgr,
            Scale = 1f,
            Mean = [0f, 0f, 0f],
            Std = [1f, 1f, 1f],
        };
        return (plan, input, true);
    }

    private static OvCompiledModel Compile(OpenVinoRuntime runtime, ModelDefinition model, OvModelHandle built,
        string device, int inputIndex, OpenVinoOptions options)
    {
        var properties = new List<KeyValuePair<string, string>>
        {
            new("PERFORMANCE_HINT", options.PerformanceHint == OpenVinoPerformanceHint.Latency ? "LATENCY" : "THROUGHPUT"),
        };
        if (options.RequestsPerDevice > 0)
        {
            properties.Add(new("PERFORMANCE_HINT_NUM_REQUESTS", options.RequestsPerDevice.ToString(CultureInfo.InvariantCulture)));
        }

        try
        {
            var handle = runtime.Core.Compile(built, device, properties);
            return new OvCompiledModel(runtime.Api, handle, runtime.ElementTypes, device, inputIndex);
        }
        catch (OpenVinoException e) when (IsDeviceFailure(e, device))
        {
            throw new DeviceUnavailableException($"{device}: OpenVINO cannot compile {model.Name} for it: {e.Message}", e);
        }
        catch (OpenVinoException e)
        {
            throw new ModelLoadException($"{model.ModelPath}: OpenVINO cannot compile it for {device}: {e.Message}", e);
        }
    }

    private static int ReadOptimalRequests(OpenVinoRuntime runtime, OvCompiledModel compiled)
    {
        try
        {
            var text = compiled.GetProperty("OPTIMAL_NUMBER_OF_INFER_REQUESTS");
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var optimal) && optimal > 0)
            {
                return optimal;
            }

            LogOptimalUnreadable(runtime.Logger, compiled.Device, text);
        }
        catch (OpenVinoException e)
        {
            LogOptimalUnreadable(runtime.Logger, compiled.Device, e.Message);
        }

        return 1;
    }

    /// <summary>
    /// Whether a failure is the device's: the runtime's message says so, or (2022.3 gives no message) it happened on a
    /// stick, where the model itself has already been read and prepared.
    /// </summary>
    private static bool IsDeviceFailure(OpenVinoException e, string device) =>
        OvStatus.IsDeviceFailure(e) || (e.NativeMessage is null && MyriadDeviceName.IsMyriad(device));

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{Model} compiled for {Device}: {Optimal} requests optimal, {Max} used; pre-processing {Where}")]
    private static partial void LogCompiled(ILogger logger, string model, string device, int optimal, int max, string where);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "{Model}: pre-processing on the host, because {Why}")]
    private static partial void LogHostPreprocessing(ILogger logger, string model, string why);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "{Device}: OPTIMAL_NUMBER_OF_INFER_REQUESTS unreadable ({Value}); using 1 request")]
    private static partial void LogOptimalUnreadable(ILogger logger, string device, string value);
}
