using EdgeWatch.Devices.Sticks;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Worker.Sticks;

/// <summary>
/// Loads models onto sticks. The daemon's factory compiles with OpenVINO; tests substitute one backed by ONNX Runtime at
/// this seam (the stick's own boundary), never through a user setting.
/// </summary>
public interface IStickEngineFactory
{
    /// <summary>Why no stick can be used at all (no runtime, no MYRIAD plugin), or null when sticks can be tried.</summary>
    string? Unavailable { get; }

    /// <summary>Loads <paramref name="model"/> onto <paramref name="stick"/>; this boots the stick.</summary>
    /// <exception cref="IOException">The stick refused (missing, busy, failed to boot).</exception>
    /// <exception cref="ModelLoadException">The model cannot run on a stick.</exception>
    IInferenceEngine Create(ModelDefinition model, Stick stick);
}
