using System.ComponentModel.DataAnnotations;

namespace EdgeWatch.Pipeline.Inference.OnnxRuntime;

/// <summary>Settings of the ONNX Runtime (CPU) backend, section <c>OnnxRuntime</c>.</summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>Path of libonnxruntime.so.1; by default next to EdgeWatch, then /usr/lib/edgewatch.</summary>
    public string? LibraryPath { get; set; }

    /// <summary>Threads one inference may use; 0 lets ONNX Runtime choose (one per core).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Whether idle inference threads spin before sleeping. Faster back-to-back runs, at the cost of CPU while frames flow;
    /// ONNX Runtime's default.
    /// </summary>
    public bool AllowSpinning { get; set; } = true;

    /// <summary>
    /// Whether the inference threads keep spinning after a run, waiting for the next one (ONNX Runtime's default), or stop
    /// as it returns (EdgeWatch's default). Between two frames a worker prepares the next frame and publishes the last on
    /// one core; threads spinning on the other would take it from the camera's ffmpeg, which then pre-empts the next
    /// inference instead (measured in docs/performance.md). Spinning within a run is <see cref="AllowSpinning"/>.
    /// </summary>
    public bool SpinBetweenRuns { get; set; }
}
