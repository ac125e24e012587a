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
}
