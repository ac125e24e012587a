namespace EdgeWatch.Worker.Configuration;

/// <summary>Rules for every worker (section <c>Inference</c>).</summary>
public sealed class InferenceOptions
{
    /// <summary>A request running longer than this retires its worker (our own deadline, whatever the runtime says).</summary>
    public TimeSpan InferenceTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait before retrying a worker that failed to start (a corrupt model, a stick that will not boot).</summary>
    public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromSeconds(60);
}
