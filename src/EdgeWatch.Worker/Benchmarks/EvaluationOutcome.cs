using EdgeWatch.Pipeline.Evaluation;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>One model's (or one results file's) score in <c>edgewatch eval</c>.</summary>
/// <param name="Name">The model's name, or the results file's.</param>
/// <param name="Precision">FP32, FP16 or INT8; null for a results file.</param>
/// <param name="Device">Where the model ran; null for a results file.</param>
/// <param name="Threshold">Score threshold the detections were kept at; null for a results file.</param>
/// <param name="Nms">Class-aware NMS IoU; null for a results file or a model that suppresses itself.</param>
/// <param name="Evaluation">The COCO figures.</param>
/// <param name="Seconds">Time spent detecting (pre-processing, inference, decoding), summed over the images.</param>
/// <param name="ResultsPath">Where the detections were written as a COCO results file, if they were.</param>
internal sealed record EvaluationOutcome(
    string Name, string? Precision, string? Device, float? Threshold, float? Nms, CocoEvaluation Evaluation, double Seconds, string? ResultsPath);
