using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Evaluation.Json;

/// <summary>One element of a COCO results file (read and written).</summary>
internal sealed class DetectionRecord
{
    [JsonPropertyName("image_id")]
    public required int ImageId { get; init; }

    [JsonPropertyName("category_id")]
    public required int CategoryId { get; init; }

    [JsonPropertyName("bbox")]
    public required double[] Bbox { get; init; }

    [JsonPropertyName("score")]
    public required double Score { get; init; }
}
