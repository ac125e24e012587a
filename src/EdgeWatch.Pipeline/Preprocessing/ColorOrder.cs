using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>Channel order a model expects. Frames are always BGR (ffmpeg's bgr24).</summary>
public enum ColorOrder
{
    [JsonStringEnumMemberName("BGR")]
    Bgr,
    [JsonStringEnumMemberName("RGB")]
    Rgb,
}
