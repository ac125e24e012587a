using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Worker.Hosting;

/// <summary>ONNX Runtime on the CPU.</summary>
public sealed class CpuEngineFactory(OnnxRuntimeOptions options) : IEngineFactory
{
    public IInferenceEngine Create(ModelDefinition model, string device) => OnnxRuntimeEngine.Load(model, options);
}
