namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// The 12 standard COCO detection figures (pycocotools' stats, in its order) and per-class AP. A figure is -1
/// when no category has ground truth for it (e.g. APs when there are no small objects).
/// </summary>
public sealed record CocoEvaluation
{
    /// <summary>AP @[IoU=.50:.95 | area=all | maxDets=last] — "mAP".</summary>
    public required double Map { get; init; }

    /// <summary>AP @[IoU=.50 | area=all | maxDets=last].</summary>
    public required double Map50 { get; init; }

    /// <summary>AP @[IoU=.75 | area=all | maxDets=last].</summary>
    public required double Map75 { get; init; }

    /// <summary>AP @[IoU=.50:.95 | area=small (below 32²) | maxDets=last].</summary>
    public required double MapSmall { get; init; }

    /// <summary>AP @[IoU=.50:.95 | area=medium (32² to 96²) | maxDets=last].</summary>
    public required double MapMedium { get; init; }

    /// <summary>AP @[IoU=.50:.95 | area=large (above 96²) | maxDets=last].</summary>
    public required double MapLarge { get; init; }

    /// <summary>AR @[IoU=.50:.95 | area=all | maxDets=first (1)].</summary>
    public required double Ar1 { get; init; }

    /// <summary>AR @[IoU=.50:.95 | area=all | maxDets=second (10)].</summary>
    public required double Ar10 { get; init; }

    /// <summary>AR @[IoU=.50:.95 | area=all | maxDets=last (100 unless changed)].</summary>
    public required double Ar100 { get; init; }

    /// <summary>AR @[IoU=.50:.95 | area=small | maxDets=last].</summary>
    public required double ArSmall { get; init; }

    /// <summary>AR @[IoU=.50:.95 | area=medium | maxDets=last].</summary>
    public required double ArMedium { get; init; }

    /// <summary>AR @[IoU=.50:.95 | area=large | maxDets=last].</summary>
    public required double ArLarge { get; init; }

    /// <summary>The three detection limits used (COCO: 1, 10, 100).</summary>
    public required IReadOnlyList<int> MaxDetections { get; init; }

    /// <summary>Per category, in id order.</summary>
    public required IReadOnlyList<CocoClassAveragePrecision> PerClass { get; init; }

    /// <summary>Images scored.</summary>
    public required int ImageCount { get; init; }

    /// <summary>Ground-truth objects scored (crowd regions not counted).</summary>
    public required int GroundTruthCount { get; init; }

    /// <summary>Detections scored (of the images and categories scored, before the per-image limit).</summary>
    public required int DetectionCount { get; init; }

    /// <summary>The 12 figures in pycocotools' stats order: AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100,
    /// ARs, ARm, ARl.</summary>
    public IReadOnlyList<double> Stats =>
        [Map, Map50, Map75, MapSmall, MapMedium, MapLarge, Ar1, Ar10, Ar100, ArSmall, ArMedium, ArLarge];
}
