using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>
/// Channel order a model expects. Frames are BGR24 or I420; the pre-processor writes the channels in this order
/// either way.
/// </summary>
public enum ColorOrder
{
    [JsonStringEnumMemberName("BGR")]
    Bgr,
    [JsonStringEnumMemberName("RGB")]
    Rgb,
}
