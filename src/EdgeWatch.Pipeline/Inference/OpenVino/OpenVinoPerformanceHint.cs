namespace EdgeWatch.Pipeline.Inference.OpenVino;

/// <summary>OpenVINO's PERFORMANCE_HINT: what the plugin tunes a compiled model for.</summary>
public enum OpenVinoPerformanceHint
{
    /// <summary>Many requests in flight (an NCS2 then suggests 4): the most frames per second.</summary>
    Throughput,

    /// <summary>Few requests, each as fast as possible.</summary>
    Latency,
}
