namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>What <see cref="CocoEvaluator"/> scores. The defaults are COCO's (pycocotools' bbox parameters).</summary>
public sealed class CocoEvaluationOptions
{
    /// <summary>
    /// The three per-image detection limits AR1, AR10 and AR100 are computed at, strictly increasing; the
    /// last also limits every AP figure (COCO: 1, 10, 100). <c>edgewatch eval --max-dets N</c> sets the last.
    /// </summary>
    public IReadOnlyList<int> MaxDetections { get; init; } = [1, 10, 100];

    /// <summary>Score only these categories (e.g. the 20 VOC classes a VOC model knows); null means every
    /// category of the ground truth. Detections of other categories are then left out, as pycocotools does.</summary>
    public IReadOnlyCollection<int>? CategoryIds { get; init; }

    /// <summary>Score only these images; null means every image of the ground truth.</summary>
    public IReadOnlyCollection<int>? ImageIds { get; init; }

    /// <summary>COCO's defaults with the last detection limit changed.</summary>
    public static CocoEvaluationOptions WithMaxDetections(int last) => new() { MaxDetections = [1, 10, last] };

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void Validate()
    {
        if (MaxDetections is not { Count: 3 } || MaxDetections[0] < 1
            || MaxDetections[1] <= MaxDetections[0] || MaxDetections[2] <= MaxDetections[1])
        {
            throw new ArgumentException(
                $"{nameof(MaxDetections)} must be three strictly increasing positive numbers (COCO: 1, 10, 100); got {string.Join(", ", MaxDetections ?? [])}.",
                nameof(MaxDetections));
        }

        if (CategoryIds is { Count: 0 })
        {
            throw new ArgumentException($"{nameof(CategoryIds)} is empty; use null for every category.", nameof(CategoryIds));
        }

        if (ImageIds is { Count: 0 })
        {
            throw new ArgumentException($"{nameof(ImageIds)} is empty; use null for every image.", nameof(ImageIds));
        }
    }
}
