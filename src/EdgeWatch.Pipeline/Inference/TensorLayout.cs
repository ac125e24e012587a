using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Inference;

/// <summary>How a 4-D image tensor orders its axes.</summary>
public enum TensorLayout
{
    /// <summary>Batch, channel, height, width: one plane per channel (PyTorch, ONNX, OpenVINO IR).</summary>
    [JsonStringEnumMemberName("NCHW")]
    Nchw,

    /// <summary>Batch, height, width, channel: interleaved pixels (TensorFlow).</summary>
    [JsonStringEnumMemberName("NHWC")]
    Nhwc,
}
