namespace EdgeWatch.Worker.Benchmarks;

/// <summary>One row of the bench table: what was asked, and what was measured or why it was skipped.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Precision">FP32, FP16 or INT8 (from the manifest).</param>
/// <param name="Device">The --device it came from ("cpu", "sim:60", "MYRIAD", "all-sticks").</param>
/// <param name="Kind">Kind of device.</param>
/// <param name="Workers">Workers: CPU workers, sticks, or simulated devices.</param>
/// <param name="Requests">Requests per worker asked for (0 = the device's recommendation).</param>
/// <param name="Threads">ONNX Runtime threads per CPU worker (0 elsewhere).</param>
/// <param name="Ideal">For simulated devices: workers x requests / latency, capped by the source rate.</param>
internal sealed record BenchRow(string Model, string Precision, string Device, DeviceKind Kind, int Workers, int Requests, int Threads, double? Ideal)
{
    /// <summary>The devices the workers ran on, as the engines name them ("cpu", "MYRIAD.1.3-ma2480", "sim:60#2").</summary>
    public IReadOnlyList<string> DeviceNames { get; init; } = [];

    /// <summary>What was measured; null when skipped.</summary>
    public ThroughputResult? Result { get; init; }

    /// <summary>Why the row was not measured (no runtime, no stick, the model cannot load there).</summary>
    public string? Skipped { get; init; }

    /// <summary>For simulated devices: the frame's own work (copy, pre-processing, decoding) on one thread, CPU ms.</summary>
    public double? FrameWorkCpuPerFrame { get; init; }

    /// <summary>
    /// For simulated devices: process CPU per frame minus the frame's own work (copy, pre-processing, decoding) measured
    /// without the scheduler — what scheduling costs per frame.
    /// </summary>
    public double? SchedulingCpuPerFrame { get; init; }

    public double? PercentOfIdeal => Result is { } r && Ideal is > 0 ? 100 * r.FramesPerSecond / Ideal.Value : null;
}
