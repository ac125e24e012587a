using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Evaluation.Json;

/// <summary>Source-generated (reflection-free) serialisation of the COCO file formats.</summary>
[JsonSerializable(typeof(InstancesDocument))]
[JsonSerializable(typeof(List<DetectionRecord>))]
internal sealed partial class CocoJsonContext : JsonSerializerContext;
