namespace EdgeWatch.Worker.Configuration;

/// <summary>CPU inference with ONNX Runtime (section <c>Cpu</c>).</summary>
public sealed class CpuOptions
{
    public CpuMode Mode { get; set; } = CpuMode.Fallback;

    /// <summary>CPU workers (each a session running one frame at a time).</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Threads each CPU inference uses; 0 = one per core.</summary>
    public int ThreadsPerWorker { get; set; }
}
