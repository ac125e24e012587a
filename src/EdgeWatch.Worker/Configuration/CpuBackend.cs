namespace EdgeWatch.Worker.Configuration;

/// <summary>The runtime behind the host's (non-stick) workers.</summary>
public enum CpuBackend
{
    /// <summary>ONNX Runtime, shipped with EdgeWatch: ONNX models on the CPU.</summary>
    OnnxRuntime,

    /// <summary>OpenVINO's CPU or GPU plugin: IR or ONNX models, for machines with OpenVINO installed.</summary>
    OpenVino,
}
