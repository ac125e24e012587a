using EdgeWatch.Pipeline.Interop.OnnxRuntime;

namespace EdgeWatch.Pipeline.Inference.OnnxRuntime;

/// <summary>One ONNX Runtime inference slot with its own input and output buffers.</summary>
internal sealed class OnnxRuntimeRequest : IInferenceRequest
{
    private readonly OnnxRuntimeEngine _engine;
    private readonly OrtRunBinding _binding;
    private bool _disposed;

    public OnnxRuntimeRequest(OnnxRuntimeEngine engine, TensorBuffer input, IReadOnlyList<OutputTensor> outputs, OrtRunBinding binding)
    {
        _engine = engine;
        _binding = binding;
        Input = input;
        Outputs = outputs;
    }

    public TensorBuffer Input { get; }

    public IReadOnlyList<OutputTensor> Outputs { get; }

    /// <summary>Runs synchronously; a CPU run has no device to lose, so the timeout is the watchdog's business.</summary>
    public void Run(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _binding.Run();
    }

    public void Abort()
    {
        if (!_disposed)
        {
            _binding.Abort();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _binding.Dispose();
        _engine.Forget(this);
    }
}
