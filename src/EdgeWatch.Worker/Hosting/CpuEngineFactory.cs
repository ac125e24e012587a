using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Worker.Hosting;

/// <summary>ONNX Runtime on the CPU, each worker's session with its share of the cores.</summary>
public sealed class CpuEngineFactory(OnnxRuntimeOptions options, int threadsPerWorker) : IEngineFactory
{
    private readonly OnnxRuntimeOptions _options = new()
    {
        LibraryPath = options.LibraryPath,
        AllowSpinning = options.AllowSpinning,
        SpinBetweenRuns = options.SpinBetweenRuns,
        IntraOpThreads = threadsPerWorker,
    };

    public IInferenceEngine Create(ModelDefinition model, string device) => OnnxRuntimeEngine.Load(model, _options);
}
