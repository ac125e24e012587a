using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// A model's class indices mapped to the categories of the ground truth it is scored against. A label and a category
/// match when both name the same COCO category — official names, the built-in darknet/VOC spellings
/// (<see cref="CocoLabelMap.BuiltInAliases"/>) and the manifest's <c>labels.cocoNames</c> — or, for names that are not
/// COCO's, when the names are equal (ignoring case, blanks and '_').
/// </summary>
public sealed class ModelCategoryMap
{
    private readonly int?[] _categoryIds;

    private ModelCategoryMap(int?[] categoryIds, IReadOnlyList<string> unknownLabels, IReadOnlyList<string> labelsOutsideGroundTruth,
        IReadOnlyList<CocoCategory> categoriesWithoutLabel)
    {
        _categoryIds = categoryIds;
        UnknownLabels = unknownLabels;
        LabelsOutsideGroundTruth = labelsOutsideGroundTruth;
        CategoriesWithoutLabel = categoriesWithoutLabel;
    }

    /// <summary>Labels that name no COCO category and no category of the ground truth (their detections are dropped;
    /// only with <see cref="UnknownLabelPolicy.Ignore"/>).</summary>
    public IReadOnlyList<string> UnknownLabels { get; }

    /// <summary>COCO categories the model knows but the ground truth does not list (their detections are not scored, as
    /// pycocotools leaves out categories it was not given).</summary>
    public IReadOnlyList<string> LabelsOutsideGroundTruth { get; }

    /// <summary>Categories of the ground truth no class of the model maps to: the model can only score 0 on them.</summary>
    public IReadOnlyList<CocoCategory> CategoriesWithoutLabel { get; }

    /// <summary>The ground-truth category id of a class index, or null when its detections are not scored.</summary>
    public int? CategoryIdOf(int classIndex) => (uint)classIndex < (uint)_categoryIds.Length ? _categoryIds[classIndex] : null;

    /// <summary>Maps <paramref name="model"/>'s labels to <paramref name="groundTruth"/>'s categories.</summary>
    /// <exception cref="EvaluationDataException">The manifest's <c>labels.cocoNames</c> is invalid, or (with
    /// <see cref="UnknownLabelPolicy.Throw"/>) some labels name no category; the message lists them all.</exception>
    public static ModelCategoryMap Create(ModelDefinition model, CocoGroundTruth groundTruth, UnknownLabelPolicy policy = UnknownLabelPolicy.Throw)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groundTruth);
        CocoLabelMap coco;
        try
        {
            coco = new CocoLabelMap(model.Manifest.Labels?.CocoNames);
        }
        catch (ArgumentException e)
        {
            throw new EvaluationDataException(model.Manifest.SourcePath, null, $"labels.cocoNames: {e.Message}", e);
        }

        // A name's key: its COCO category when it names one, else the name itself.
        string Key(string name) => coco.TryGetCategory(name, out var category)
            ? "#" + category.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : CocoLabelMap.Normalise(name);

        var byKey = new Dictionary<string, CocoCategory>(StringComparer.Ordinal);
        foreach (var category in groundTruth.Categories)
        {
            byKey.TryAdd(Key(category.Name), category);
        }

        var labels = model.Labels.Names;
        var ids = new int?[labels.Count];
        List<string> unknown = [], outside = [];
        var mapped = new HashSet<int>();
        for (var i = 0; i < labels.Count; i++)
        {
            var key = Key(labels[i]);
            if (byKey.TryGetValue(key, out var category))
            {
                ids[i] = category.Id;
                mapped.Add(category.Id);
            }
            else if (key.StartsWith('#'))
            {
                outside.Add(labels[i]);
            }
            else if (!IsPlaceholder(labels[i]))
            {
                unknown.Add(labels[i]);
            }
        }

        unknown = [.. unknown.Distinct(StringComparer.Ordinal)];
        if (policy == UnknownLabelPolicy.Throw && unknown.Count > 0)
        {
            var source = model.Manifest.Labels?.File is { } file ? model.Manifest.Resolve(file) : model.Manifest.SourcePath;
            throw new EvaluationDataException(source, null,
                $"{unknown.Count} label(s) of model '{model.Name}' name no COCO category and no category of {groundTruth.Source}: "
                + string.Join(", ", unknown.Take(20).Select(l => $"'{l}'")) + (unknown.Count > 20 ? $", ... {unknown.Count - 20} more" : "")
                + $". Map them in {Path.GetFileName(model.Manifest.SourcePath)}'s labels.cocoNames (label → COCO name), or ignore them (edgewatch eval --ignore-unknown-labels).");
        }

        var without = groundTruth.Categories.Where(c => !mapped.Contains(c.Id)).ToList();
        return new ModelCategoryMap(ids, unknown, [.. outside.Distinct(StringComparer.Ordinal)], without);
    }

    // SSD-style label files start with a background class the decoders never report, and 91-entry COCO label files
    // (TensorFlow's) fill the ids COCO left unused with placeholders.
    private static bool IsPlaceholder(string label) =>
        label.Trim().Trim('_').ToUpperInvariant() is "" or "BACKGROUND" or "BG" or "N/A" or "NA" or "???" or "UNUSED";
}
