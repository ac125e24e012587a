using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Worker.Hosting;

/// <summary>
/// Makes inference engines for a kind of device. The daemon's own factories load ONNX Runtime (CPU) and OpenVINO
/// (sticks); tests substitute theirs here, at the seam where real hardware would be, not through a user setting.
/// </summary>
public interface IEngineFactory
{
    /// <summary>Loads <paramref name="model"/> on <paramref name="device"/>.</summary>
    /// <exception cref="ModelLoadException">The model cannot be loaded there.</exception>
    IInferenceEngine Create(ModelDefinition model, string device);
}
