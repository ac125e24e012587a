using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Evaluation.Json;

/// <summary>An entry of "categories" in a COCO instances file.</summary>
internal sealed class CategoryRecord
{
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }
}
