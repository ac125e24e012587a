namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>What <see cref="CocoLabelMap.Map"/> does with a label that names no COCO category.</summary>
public enum UnknownLabelPolicy
{
    /// <summary>Fail with an <see cref="EvaluationDataException"/> listing every unknown label (the default:
    /// a silently dropped class would lower the score with no visible reason).</summary>
    Throw,

    /// <summary>Map unknown labels to no category; the caller drops their detections and reports
    /// <see cref="CocoLabelMapping.UnknownLabels"/> as a warning.</summary>
    Ignore,
}
