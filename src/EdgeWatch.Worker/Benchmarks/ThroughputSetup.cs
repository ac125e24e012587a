using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>One row of <c>edgewatch bench</c>: a model on a set of workers, each keeping some requests in flight.</summary>
/// <param name="Model">The model.</param>
/// <param name="Device">The device as the table shows it ("cpu", "sim:60", "MYRIAD.1.3-ma2480", "all-sticks").</param>
/// <param name="Kind">Worker kind ("cpu", "ncs2", "sim").</param>
/// <param name="Engines">One engine per worker; each worker disposes its own.</param>
/// <param name="Requests">Requests each worker keeps in flight; 0 = what the engine recommends.</param>
/// <param name="Threads">ONNX Runtime threads per CPU worker (0 for other devices).</param>
/// <param name="Filter">The detection filter (the manifest's thresholds, as the daemon uses).</param>
/// <param name="Ideal">For simulated devices: devices x requests / latency, frames per second.</param>
/// <param name="InferenceTimeout">A request running longer than this retires its worker (a hang).</param>
internal sealed record ThroughputSetup(
    ModelDefinition Model, string Device, string Kind, IReadOnlyList<IInferenceEngine> Engines, int Requests, int Threads, DetectionFilter Filter,
    double? Ideal, TimeSpan InferenceTimeout);
