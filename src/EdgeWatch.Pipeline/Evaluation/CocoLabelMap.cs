using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// Turns label names into COCO categories: the official names, the darknet/VOC spellings of the same classes
/// (<see cref="BuiltInAliases"/>) and any aliases a model manifest adds. Matching ignores case, surrounding
/// blanks, and treats '_' as a space ("Dining_Table" is "dining table").
/// </summary>
public sealed class CocoLabelMap
{
    private readonly Dictionary<string, CocoCategory> _byName = new(StringComparer.Ordinal);

    /// <summary>
    /// Spellings used by darknet's coco.names (and so by YOLO models trained with it, e.g. yolox-nano's
    /// coco_classes.txt) and by Pascal VOC, mapped to the official COCO name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> BuiltInAliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["motorbike"] = "motorcycle",
        ["aeroplane"] = "airplane",
        ["sofa"] = "couch",
        ["pottedplant"] = "potted plant",
        ["diningtable"] = "dining table",
        ["tvmonitor"] = "tv",
        ["hair dryer"] = "hair drier",
    };

    /// <summary>Official names and built-in aliases only.</summary>
    public static CocoLabelMap Default { get; } = new();

    /// <summary>Official names, built-in aliases, and the given extra ones.</summary>
    /// <param name="extraAliases">Label → official COCO name (or built-in alias), e.g. from a model manifest.</param>
    /// <exception cref="ArgumentException">An alias points at no COCO category, or redefines an official name.</exception>
    public CocoLabelMap(IReadOnlyDictionary<string, string>? extraAliases = null)
    {
        foreach (var category in CocoCategories.All)
        {
            _byName.Add(Normalise(category.Name), category);
        }

        foreach (var (alias, name) in BuiltInAliases)
        {
            _byName.Add(Normalise(alias), _byName[Normalise(name)]);
        }

        foreach (var (alias, name) in extraAliases ?? new Dictionary<string, string>())
        {
            if (!_byName.TryGetValue(Normalise(name), out var target))
            {
                throw new ArgumentException($"Alias '{alias}' points at '{name}', which is not a COCO category name.", nameof(extraAliases));
            }

            if (_byName.TryGetValue(Normalise(alias), out var existing) && existing != target)
            {
                throw new ArgumentException($"Alias '{alias}' points at '{name}', but it already means '{existing.Name}'.", nameof(extraAliases));
            }

            _byName[Normalise(alias)] = target;
        }
    }

    /// <summary>Finds the COCO category a label names.</summary>
    public bool TryGetCategory(string label, [NotNullWhen(true)] out CocoCategory? category)
    {
        ArgumentNullException.ThrowIfNull(label);
        return _byName.TryGetValue(Normalise(label), out category);
    }

    /// <summary>Maps a model's class list (by index) to COCO categories.</summary>
    /// <param name="labels">The class names, by class index.</param>
    /// <param name="policy">What to do with labels that name no COCO category.</param>
    /// <param name="source">Where the labels came from (a labels file, a manifest), for the error message.</param>
    /// <exception cref="EvaluationDataException">Some labels are unknown and <paramref name="policy"/> is
    /// <see cref="UnknownLabelPolicy.Throw"/>; the message lists them all.</exception>
    public CocoLabelMapping Map(IReadOnlyList<string> labels, UnknownLabelPolicy policy = UnknownLabelPolicy.Throw, string source = "labels")
    {
        ArgumentNullException.ThrowIfNull(labels);
        var categories = new CocoCategory?[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            categories[i] = TryGetCategory(labels[i], out var category) ? category : null;
        }

        var mapping = new CocoLabelMapping([.. labels], categories);
        if (policy == UnknownLabelPolicy.Throw && mapping.UnknownLabels.Count > 0)
        {
            throw new EvaluationDataException(source, null,
                $"{mapping.UnknownLabels.Count} label(s) name no COCO category and have no alias: "
                + string.Join(", ", mapping.UnknownLabels.Select(l => $"'{l}'"))
                + ". Add aliases (label → COCO name) to the model manifest, or ignore these labels.");
        }

        return mapping;
    }

    // Also used to match label names against a ground truth's own category names.
    internal static string Normalise(string label)
    {
        var builder = new StringBuilder(label.Length);
        foreach (var c in label.Trim())
        {
            var ch = c == '_' ? ' ' : char.ToLowerInvariant(c);
            if (ch == ' ' && builder.Length > 0 && builder[^1] == ' ')
            {
                continue;
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }
}
