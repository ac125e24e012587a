using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// An engine lent to a worker for one benchmark row: the worker disposes what it was given, but a session or a model
/// compiled onto a stick is kept for the next row (compiling onto an NCS2 takes seconds and re-boots it).
/// </summary>
internal sealed class BorrowedEngine(IInferenceEngine engine) : IInferenceEngine
{
    public string Device => engine.Device;

    public ModelDefinition Model => engine.Model;

    public PreprocessSpec Input => engine.Input;

    public IReadOnlyList<TensorDescription> Outputs => engine.Outputs;

    public int MaxRequests => engine.MaxRequests;

    public IInferenceRequest CreateRequest() => engine.CreateRequest();

    public void Dispose()
    {
        // The owner (EngineProvider) disposes the engine when the benchmark ends.
    }
}
