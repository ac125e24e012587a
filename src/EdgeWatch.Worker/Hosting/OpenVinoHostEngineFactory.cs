using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OpenVino;
using EdgeWatch.Pipeline.Models;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Hosting;

/// <summary>OpenVINO on the host (its CPU or GPU plugin), for <c>Cpu:Backend = OpenVino</c>.</summary>
public sealed class OpenVinoHostEngineFactory(OpenVinoOptions options, string openVinoDevice, ILogger<OpenVinoHostEngineFactory> logger) : IEngineFactory, IDisposable
{
    private readonly Lazy<(OpenVinoRuntime? Runtime, string? Reason)> _runtime = new(() =>
        OpenVinoRuntime.TryOpen(options, logger, out var runtime, out var reason) ? (runtime, null) : (null, reason));

    public IInferenceEngine Create(ModelDefinition model, string device)
    {
        var runtime = _runtime.Value.Runtime ?? throw new ModelLoadException($"Cpu:Backend is OpenVino but {_runtime.Value.Reason}");
        return OpenVinoEngine.Load(runtime, model, openVinoDevice, options);
    }

    public void Dispose()
    {
        if (_runtime.IsValueCreated)
        {
            _runtime.Value.Runtime?.Dispose();
        }
    }
}
