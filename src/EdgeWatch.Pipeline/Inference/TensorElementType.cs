using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Inference;

/// <summary>The element types a model input can take from EdgeWatch's pre-processing.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Tensor element types are named after the data types they are.")]
public enum TensorElementType
{
    /// <summary>32-bit float, normalised as the manifest says.</summary>
    [JsonStringEnumMemberName("float32")]
    Float32,

    /// <summary>Raw 8-bit pixels (TensorFlow OD API models, OpenVINO models with pre-processing built in).</summary>
    [JsonStringEnumMemberName("uint8")]
    UInt8,
}
