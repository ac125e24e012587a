namespace EdgeWatch.Worker.Configuration;

/// <summary>CPU inference with ONNX Runtime (section <c>Cpu</c>).</summary>
public sealed class CpuOptions
{
    public CpuMode Mode { get; set; } = CpuMode.Fallback;

    /// <summary>CPU workers (each a session running one frame at a time).</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Threads each CPU inference uses; 0 = the cores shared out between the workers.</summary>
    public int ThreadsPerWorker { get; set; }

    /// <summary>
    /// The threads a worker's session gets. More threads than cores in total makes them fight (ONNX Runtime's threads spin
    /// while waiting for work), so the default divides the cores.
    /// </summary>
    public int EffectiveThreadsPerWorker => ThreadsPerWorker > 0 ? ThreadsPerWorker : Math.Max(1, Environment.ProcessorCount / Math.Max(1, Workers));
}
