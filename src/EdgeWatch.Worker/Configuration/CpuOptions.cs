namespace EdgeWatch.Worker.Configuration;

/// <summary>CPU inference with ONNX Runtime (section <c>Cpu</c>).</summary>
public sealed class CpuOptions
{
    public CpuMode Mode { get; set; } = CpuMode.Fallback;

    /// <summary>
    /// What runs inference on the host: ONNX Runtime (bundled), or OpenVINO's CPU/GPU plugins for users with a newer
    /// OpenVINO installed (which has no MYRIAD plugin, so cannot drive sticks, but runs IR models on Intel CPUs and GPUs).
    /// </summary>
    public CpuBackend Backend { get; set; } = CpuBackend.OnnxRuntime;

    /// <summary>The OpenVINO device for <see cref="CpuBackend.OpenVino"/>: CPU or GPU.</summary>
    public string OpenVinoDevice { get; set; } = "CPU";

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
