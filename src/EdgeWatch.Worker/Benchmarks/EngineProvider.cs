using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Inference.OpenVino;
using EdgeWatch.Pipeline.Inference.Simulated;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// The engines a benchmark or an evaluation runs on: ONNX Runtime sessions, models compiled onto NCS2 sticks through
/// OpenVINO (opened once; a missing runtime or stick is a reason, never a crash), and simulated accelerators. Loaded
/// engines are kept and lent out again (see <see cref="BorrowedEngine"/>); all are disposed with the provider.
/// </summary>
internal sealed class EngineProvider(bool spinning) : IDisposable
{
    private readonly Dictionary<(ModelDefinition Model, string Device, int Threads), List<IInferenceEngine>> _loaded = [];
    private readonly Dictionary<ModelDefinition, IReadOnlyList<TensorDescription>> _outputs = [];
    private OpenVinoRuntime? _openVino;
    private string? _openVinoProblem;
    private bool _openVinoTried;

    /// <summary>OpenVINO's MYRIAD devices, or null with the reason there are none to use.</summary>
    public IReadOnlyList<string>? Sticks(out string? reason)
    {
        if (!TryOpenVino(out var runtime, out reason))
        {
            return null;
        }

        var myriad = runtime.CheckMyriad();
        reason = myriad.Reason;
        return myriad.IsAvailable ? myriad.Devices : null;
    }

    /// <summary>
    /// <paramref name="count"/> engines of <paramref name="model"/> on ONNX Runtime with <paramref name="threads"/> intra-op
    /// threads each (sessions are kept between calls).
    /// </summary>
    /// <exception cref="ModelLoadException">ONNX Runtime cannot load the model.</exception>
    public IReadOnlyList<IInferenceEngine> Cpu(ModelDefinition model, int count, int threads) =>
        Lend((model, "cpu", threads), count, () => OnnxRuntimeEngine.Load(model, new OnnxRuntimeOptions { IntraOpThreads = threads, AllowSpinning = spinning }));

    /// <summary>The model compiled onto an OpenVINO device (a stick), kept for later calls.</summary>
    /// <exception cref="DeviceUnavailableException">No runtime, or the device refused the model.</exception>
    /// <exception cref="ModelLoadException">OpenVINO cannot read the model.</exception>
    public IInferenceEngine OpenVino(ModelDefinition model, string device)
    {
        if (!TryOpenVino(out var runtime, out var reason))
        {
            throw new DeviceUnavailableException($"{device}: OpenVINO {reason}");
        }

        return Lend((model, device, 0), 1, () => OpenVinoEngine.Load(runtime, model, device))[0];
    }

    /// <summary>
    /// A simulated accelerator for <paramref name="model"/>: requests take <paramref name="latency"/> and return zeros
    /// shaped like the model's outputs (read once by loading the model with ONNX Runtime).
    /// </summary>
    /// <exception cref="ModelLoadException">The model's outputs cannot be read.</exception>
    public SimulatedEngine Simulated(ModelDefinition model, TimeSpan latency, int requests, string id)
    {
        if (!_outputs.TryGetValue(model, out var outputs))
        {
            try
            {
                using var probe = OnnxRuntimeEngine.Load(model, new OnnxRuntimeOptions { IntraOpThreads = 1 });
                outputs = probe.Outputs;
            }
            catch (Exception e) when (e is ModelLoadException or DllNotFoundException or IOException)
            {
                throw new ModelLoadException($"{model.Name}: a simulated device needs the model's output shapes, read by loading it with ONNX Runtime: {e.Message}", e);
            }

            _outputs[model] = outputs;
        }

        return new SimulatedEngine(model, outputs, latency, requests, id);
    }

    public void Dispose()
    {
        foreach (var engine in _loaded.Values.SelectMany(e => e))
        {
            engine.Dispose();
        }

        _loaded.Clear();
        _openVino?.Dispose();
    }

    private List<IInferenceEngine> Lend((ModelDefinition, string, int) key, int count, Func<IInferenceEngine> load)
    {
        if (!_loaded.TryGetValue(key, out var engines))
        {
            _loaded[key] = engines = [];
        }

        while (engines.Count < count)
        {
            engines.Add(load());
        }

        return [.. engines.Take(count).Select(e => new BorrowedEngine(e))];
    }

    private bool TryOpenVino([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OpenVinoRuntime? runtime, out string? reason)
    {
        if (!_openVinoTried)
        {
            _openVinoTried = true;
            if (!OpenVinoRuntime.TryOpen(new OpenVinoOptions(), null, out _openVino, out _openVinoProblem))
            {
                _openVino = null;
            }
        }

        runtime = _openVino;
        reason = _openVinoProblem;
        return runtime is not null;
    }
}
