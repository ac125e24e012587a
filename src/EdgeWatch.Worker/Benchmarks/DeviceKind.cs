namespace EdgeWatch.Worker.Benchmarks;

/// <summary>What a benchmark's <c>--device</c> names.</summary>
internal enum DeviceKind
{
    /// <summary>ONNX Runtime on the CPU.</summary>
    Cpu,

    /// <summary>One NCS2 through OpenVINO: plain MYRIAD (the next stick) or MYRIAD.&lt;id&gt;.</summary>
    Myriad,

    /// <summary>Every MYRIAD device OpenVINO lists, one worker each.</summary>
    AllSticks,

    /// <summary>Simulated accelerators whose requests take a fixed time.</summary>
    Simulated,
}
