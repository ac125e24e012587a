using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Inference;

/// <summary>
/// One model loaded on one device. A worker owns one engine and keeps up to <see cref="MaxRequests"/> of its requests in
/// flight; each request has its own input and output storage, reused frame after frame.
/// </summary>
public interface IInferenceEngine : IDisposable
{
    /// <summary>The device this engine runs on, as health and messages report it ("cpu", "MYRIAD.1.3-ma2480").</summary>
    string Device { get; }

    ModelDefinition Model { get; }

    /// <summary>How frames must be prepared for this engine's requests (may differ from the manifest's, e.g. raw bytes).</summary>
    PreprocessSpec Input { get; }

    /// <summary>The model's outputs as it declares them.</summary>
    IReadOnlyList<TensorDescription> Outputs { get; }

    /// <summary>How many requests this engine runs well in parallel (1 for a synchronous CPU session).</summary>
    int MaxRequests { get; }

    /// <summary>A new request with its own buffers.</summary>
    IInferenceRequest CreateRequest();
}
