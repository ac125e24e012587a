namespace EdgeWatch.Pipeline.Inference;

/// <summary>
/// One inference slot: write <see cref="Input"/>, call <see cref="Run"/>, read <see cref="Outputs"/> before the next run.
/// Not thread-safe: one frame at a time, except <see cref="Abort"/>, which any thread may call.
/// </summary>
public interface IInferenceRequest : IDisposable
{
    TensorBuffer Input { get; }

    IReadOnlyList<OutputTensor> Outputs { get; }

    /// <summary>Runs the model on <see cref="Input"/>; returns when <see cref="Outputs"/> hold the results.</summary>
    /// <param name="timeout">How long a device may take before the request counts as hung (asynchronous devices).</param>
    /// <exception cref="InferenceTimeoutException">The device did not answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="DeviceLostException">The device went away or failed (an unplugged stick).</exception>
    void Run(TimeSpan timeout);

    /// <summary>Asks a running inference to stop as soon as it can (best effort; a watchdog's tool).</summary>
    void Abort();
}
