using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;
using EdgeWatch.Worker.Hosting;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>
/// The daemon's real engine factory (ONNX Runtime) with two faults a test can switch on, at the seam where a device
/// would be: loading that waits until the test lets it finish, and inference that never returns — the request ignores
/// aborts, like a wedged USB transfer. Disposing releases every hung inference so no thread outlives the test.
/// </summary>
internal sealed class ControllableEngineFactory(IEngineFactory inner) : IEngineFactory, IDisposable
{
    private readonly ManualResetEventSlim _released = new();
    private int _created;
    private int _hung;

    /// <summary>Closed: engine creation waits until it is set.</summary>
    public ManualResetEventSlim CreationAllowed { get; } = new(initialState: true);

    /// <summary>While true, every inference that starts blocks until the factory is disposed.</summary>
    public bool Hang { get; set; }

    /// <summary>Engines made so far (a rebuilt worker makes new ones).</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Inferences stuck right now.</summary>
    public int Hung => Volatile.Read(ref _hung);

    public IInferenceEngine Create(ModelDefinition model, string device)
    {
        CreationAllowed.Wait();
        var engine = new Engine(inner.Create(model, device), this);
        Interlocked.Increment(ref _created);
        return engine;
    }

    public void Dispose() => _released.Set();

    private sealed class Engine(IInferenceEngine inner, ControllableEngineFactory factory) : IInferenceEngine
    {
        public string Device => inner.Device;

        public ModelDefinition Model => inner.Model;

        public PreprocessSpec Input => inner.Input;

        public IReadOnlyList<TensorDescription> Outputs => inner.Outputs;

        public int MaxRequests => inner.MaxRequests;

        public IInferenceRequest CreateRequest() => new Request(inner.CreateRequest(), factory);

        public void Dispose() => inner.Dispose();
    }

    private sealed class Request(IInferenceRequest inner, ControllableEngineFactory factory) : IInferenceRequest
    {
        public TensorBuffer Input => inner.Input;

        public IReadOnlyList<OutputTensor> Outputs => inner.Outputs;

        public void Run(TimeSpan timeout)
        {
            if (factory.Hang)
            {
                Interlocked.Increment(ref factory._hung);
                factory._released.Wait();
                Interlocked.Decrement(ref factory._hung);
                throw new DeviceLostException("the hung test device was released at the end of the test");
            }

            inner.Run(timeout);
        }

        public void Abort()
        {
            // A wedged device does not hear aborts.
        }

        public void Dispose() => inner.Dispose();
    }
}
