namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// The images of a ground truth found in a folder, in the ground truth's order, and the folder's images it does not
/// list. Annotations that do not fit the folder are an error, never a silently lower score.
/// </summary>
public sealed class GroundTruthImages
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp"];

    private GroundTruthImages(string folder, IReadOnlyList<GroundTruthImageFile> files, IReadOnlyList<string> notAnnotated)
    {
        Folder = folder;
        Files = files;
        NotAnnotated = notAnnotated;
    }

    /// <summary>The images folder.</summary>
    public string Folder { get; }

    /// <summary>Every image of the ground truth with its file, in the ground truth's order.</summary>
    public IReadOnlyList<GroundTruthImageFile> Files { get; }

    /// <summary>Image files in the folder the ground truth does not list (not evaluated).</summary>
    public IReadOnlyList<string> NotAnnotated { get; }

    /// <summary>Finds every image of <paramref name="groundTruth"/> in <paramref name="imagesFolder"/>.</summary>
    /// <exception cref="EvaluationDataException">The folder is missing or holds no images, or some images the ground
    /// truth lists are not in it (the message counts and names them).</exception>
    public static GroundTruthImages Locate(CocoGroundTruth groundTruth, string imagesFolder)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(imagesFolder);
        if (!Directory.Exists(imagesFolder))
        {
            throw new EvaluationDataException(imagesFolder, null, "images folder not found");
        }

        var present = Directory.EnumerateFiles(imagesFolder)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(Path.GetFileName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        if (present.Count == 0)
        {
            throw new EvaluationDataException(imagesFolder, null, $"the images folder holds no {string.Join(", ", ImageExtensions)} files");
        }

        var files = new List<GroundTruthImageFile>(groundTruth.Images.Count);
        var missing = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in groundTruth.Images)
        {
            // COCO files name images relative to their split folder; some tools keep a sub-folder in the name.
            var name = Path.GetFileName(image.FileName);
            if (name.Length == 0)
            {
                throw new EvaluationDataException(groundTruth.Source, null, $"image {image.Id} has no file_name, so it cannot be found in {imagesFolder}");
            }

            if (present.Contains(name))
            {
                files.Add(new GroundTruthImageFile(image, Path.Combine(imagesFolder, name)));
                used.Add(name);
            }
            else
            {
                missing.Add(name);
            }
        }

        if (missing.Count > 0)
        {
            var problem = missing.Count == groundTruth.Images.Count
                ? $"none of the {missing.Count} images listed in {groundTruth.Source} is in this folder"
                : $"{missing.Count} of the {groundTruth.Images.Count} images listed in {groundTruth.Source} are not in this folder";
            throw new EvaluationDataException(imagesFolder, null,
                $"the annotations do not match the images: {problem} ({string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")})");
        }

        var notAnnotated = present.Where(p => !used.Contains(p)).Order(StringComparer.Ordinal).ToList();
        return new GroundTruthImages(imagesFolder, files, notAnnotated);
    }
}
