using EdgeWatch.Pipeline.Interop.OnnxRuntime;
using EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Inference.OnnxRuntime;

/// <summary>
/// A model loaded in ONNX Runtime on the CPU. Runs synchronously on the caller's thread; one request at a time per worker,
/// several workers for several cores if wanted.
/// </summary>
public sealed class OnnxRuntimeEngine : IInferenceEngine
{
    private readonly OrtSession _session;
    private readonly OrtMemoryInfoHandle _memory;
    private readonly string _inputName;
    private readonly List<OnnxRuntimeRequest> _requests = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    private OnnxRuntimeEngine(ModelDefinition model, OrtSession session, OrtMemoryInfoHandle memory, string inputName)
    {
        Model = model;
        _session = session;
        _memory = memory;
        _inputName = inputName;
        Input = model.Preprocess;
    }

    /// <summary>The device name reported for CPU inference.</summary>
    public const string DeviceName = "cpu";

    public string Device => DeviceName;

    public ModelDefinition Model { get; }

    public PreprocessSpec Input { get; }

    public IReadOnlyList<TensorDescription> Outputs => _session.Outputs;

    public int MaxRequests => 1;

    /// <summary>The model input the engine feeds.</summary>
    public string InputName => _inputName;

    /// <summary>Where the ONNX Runtime library was loaded from.</summary>
    public static string? LibraryPath => OrtLibrary.LoadedFrom;

    /// <summary>The version of the loaded library ("1.30.0").</summary>
    public static string RuntimeVersion
    {
        get
        {
            _ = OrtLibrary.Api;
            return OrtLibrary.Version;
        }
    }

    /// <summary>Loads <paramref name="model"/>, checking it against its manifest.</summary>
    /// <exception cref="ModelLoadException">Missing, corrupt, or not matching the manifest; the message names the file.</exception>
    /// <exception cref="DllNotFoundException">ONNX Runtime itself is missing.</exception>
    public static OnnxRuntimeEngine Load(ModelDefinition model, OnnxRuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new OnnxRuntimeOptions();
        OrtLibrary.UsePath(options.LibraryPath);
        if (model.Format != "onnx")
        {
            throw new ModelLoadException($"{model.ModelPath}: ONNX Runtime loads .onnx models; this is {model.Format} (use the OpenVINO backend)");
        }

        OrtSession session;
        try
        {
            session = OrtSession.Open(model.ModelPath, options.IntraOpThreads, options.AllowSpinning, options.SpinBetweenRuns);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"{model.ModelPath}: ONNX Runtime cannot load it: {e.Message}", e);
        }

        try
        {
            var inputName = CheckInput(model, session);
            ModelInputCheck.CheckDecoder(model, session.Outputs);
            return new OnnxRuntimeEngine(model, session, CreateCpuMemory(), inputName);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public IInferenceRequest CreateRequest()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var input = new TensorBuffer(Input.ElementType, Input.TensorShape);
            var outputs = _session.Outputs
                .Select(o => new OutputTensor(o.Name, [.. o.Shape.Select(d => d > 0 ? (int)d : 1)]))
                .ToList();
            var request = new OnnxRuntimeRequest(this, input, outputs, new OrtRunBinding(_session, _inputName, input, outputs, _memory));
            _requests.Add(request);
            return request;
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

            _memory.Dispose();
            _session.Dispose();
        }
    }

    internal void Forget(OnnxRuntimeRequest request)
    {
        lock (_gate)
        {
            _requests.Remove(request);
        }
    }

    private static unsafe OrtMemoryInfoHandle CreateCpuMemory()
    {
        IntPtr memory;
        OrtStatus.Check(OrtLibrary.Api.CreateCpuMemoryInfo(OrtConstants.ArenaAllocator, OrtConstants.MemTypeDefault, &memory));
        return OrtMemoryInfoHandle.Adopt(memory);
    }

    private static string CheckInput(ModelDefinition model, OrtSession session)
    {
        var index = ModelInputCheck.ChooseInput(model, [.. session.Inputs.Select(i => (i.Name, i.ToString()))]);
        var input = session.Inputs[index];
        var expectedType = model.Preprocess.ElementType == TensorElementType.Float32 ? "float32" : "uint8";
        ModelInputCheck.CheckInput(model, input.Shape, input.ToString(), input.ElementType == expectedType, requireStaticSize: false);
        return input.Name;
    }
}
