namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>A model's class list mapped to COCO categories, by class index.</summary>
public sealed class CocoLabelMapping
{
    internal CocoLabelMapping(IReadOnlyList<string> labels, IReadOnlyList<CocoCategory?> categories)
    {
        Labels = labels;
        Categories = categories;
        UnknownLabels = [.. labels.Where((_, i) => categories[i] is null).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The labels as given, by class index.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The COCO category of each class index; null for an unknown label (only with
    /// <see cref="UnknownLabelPolicy.Ignore"/>).</summary>
    public IReadOnlyList<CocoCategory?> Categories { get; }

    /// <summary>The distinct labels that name no COCO category (empty unless unknown labels were ignored).</summary>
    public IReadOnlyList<string> UnknownLabels { get; }

    /// <summary>The COCO category id of a class index, or null when its label is unknown.</summary>
    public int? CategoryIdOf(int classIndex) => Categories[classIndex]?.Id;
}
