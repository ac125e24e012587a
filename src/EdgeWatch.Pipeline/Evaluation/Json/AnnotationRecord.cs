using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Evaluation.Json;

/// <summary>An entry of "annotations" in a COCO instances file.</summary>
internal sealed class AnnotationRecord
{
    [JsonPropertyName("id")]
    public required long Id { get; init; }

    [JsonPropertyName("image_id")]
    public required int ImageId { get; init; }

    [JsonPropertyName("category_id")]
    public required int CategoryId { get; init; }

    [JsonPropertyName("bbox")]
    public required double[] Bbox { get; init; }

    [JsonPropertyName("area")]
    public double? Area { get; init; }

    [JsonPropertyName("iscrowd")]
    public int IsCrowd { get; init; }
}
