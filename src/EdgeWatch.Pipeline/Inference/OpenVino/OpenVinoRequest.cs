using EdgeWatch.Pipeline.Interop.OpenVino;

namespace EdgeWatch.Pipeline.Inference.OpenVino;

/// <summary>One OpenVINO infer request with its own input and output buffers; see <see cref="OvInferenceBinding"/>.</summary>
internal sealed class OpenVinoRequest : IInferenceRequest
{
    private readonly OpenVinoEngine _engine;
    private readonly OvInferenceBinding _binding;
    private int _disposed;

    public OpenVinoRequest(OpenVinoEngine engine, TensorBuffer input, IReadOnlyList<OutputTensor> outputs, OvInferenceBinding binding)
    {
        _engine = engine;
        _binding = binding;
        Input = input;
        Outputs = outputs;
    }

    public TensorBuffer Input { get; }

    public IReadOnlyList<OutputTensor> Outputs { get; }

    /// <summary>Completes once the native request is freed (later than <see cref="Dispose"/> if the device still held it).</summary>
    internal Task Released => _binding.Released;

    /// <summary>Starts the inference and waits for the device's callback, at most <paramref name="timeout"/>.</summary>
    public void Run(TimeSpan timeout) => _binding.Run(timeout);

    public void Abort() => _binding.Abort();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _binding.Dispose();
        _engine.Forget(this);
    }
}
