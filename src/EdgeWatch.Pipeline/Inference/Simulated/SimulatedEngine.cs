using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Inference.Simulated;

/// <summary>
/// A stand-in accelerator for benchmarks: every request takes a fixed time (an NCS2 runs MobileNet-SSD in about 60 ms)
/// and returns all-zero outputs shaped like the real model's, so the real pre-processing, decoder and scheduler all run.
/// It reproduces the seed projects' "sticks x requests" table on any machine.
/// </summary>
public sealed class SimulatedEngine : IInferenceEngine
{
    public SimulatedEngine(ModelDefinition model, IReadOnlyList<TensorDescription> outputs, TimeSpan latency, int requests, string device)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Outputs = outputs;
        Latency = latency;
        MaxRequests = requests;
        Device = device;
    }

    public string Device { get; }

    public ModelDefinition Model { get; }

    public PreprocessSpec Input => Model.Preprocess;

    public IReadOnlyList<TensorDescription> Outputs { get; }

    public int MaxRequests { get; }

    /// <summary>How long every inference takes.</summary>
    public TimeSpan Latency { get; }

    public IInferenceRequest CreateRequest() => new SimulatedRequest(this);

    public void Dispose()
    {
    }

    private sealed class SimulatedRequest(SimulatedEngine engine) : IInferenceRequest
    {
        private readonly ManualResetEventSlim _aborted = new();

        public TensorBuffer Input { get; } = new(engine.Input.ElementType, engine.Input.TensorShape);

        public IReadOnlyList<OutputTensor> Outputs { get; } =
            [.. engine.Outputs.Select(o => new OutputTensor(o.Name, [.. o.Shape.Select(d => d > 0 ? (int)d : 1)]))];

        // A device's latency is waited, not computed: the thread sleeps like one blocked on a USB transfer.
        public void Run(TimeSpan timeout)
        {
            if (_aborted.Wait(engine.Latency))
            {
                _aborted.Reset();
                throw new InferenceTimeoutException("simulated request aborted");
            }
        }

        public void Abort() => _aborted.Set();

        public void Dispose() => _aborted.Dispose();
    }
}
