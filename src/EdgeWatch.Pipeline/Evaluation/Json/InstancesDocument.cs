using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Evaluation.Json;

/// <summary>The parts of a COCO instances file the evaluator reads (segmentations, licences, info are skipped).</summary>
internal sealed class InstancesDocument
{
    [JsonPropertyName("images")]
    public List<ImageRecord>? Images { get; init; }

    [JsonPropertyName("annotations")]
    public List<AnnotationRecord>? Annotations { get; init; }

    [JsonPropertyName("categories")]
    public List<CategoryRecord>? Categories { get; init; }
}
