using EdgeWatch.Pipeline.Evaluation.Json;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// Reads ground truth from a COCO instances JSON file ("images", "annotations", "categories"; everything else,
/// segmentations included, is skipped). A missing "area" falls back to the box area; "iscrowd" defaults to 0;
/// a missing image "width"/"height" is 0 (pycocotools does not need them either).
/// </summary>
public static class CocoInstancesFile
{
    private const string Expected = "a COCO instances file (an object with images, annotations and categories)";

    /// <summary>Loads and checks the file.</summary>
    /// <exception cref="EvaluationDataException">The file is missing, malformed, or inconsistent.</exception>
    public static CocoGroundTruth Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var document = EvaluationFiles.ReadJson(path, CocoJsonContext.Default.InstancesDocument, '{', Expected);
        if (document.Images is not { Count: > 0 })
        {
            throw new EvaluationDataException(path, null, "lists no images");
        }

        if (document.Categories is not { Count: > 0 })
        {
            throw new EvaluationDataException(path, null, "lists no categories");
        }

        var images = document.Images.Select(i => new CocoImage(i.Id, i.FileName ?? "", i.Width, i.Height));
        var categories = document.Categories.Select(c => new CocoCategory(c.Id, c.Name));
        var annotations = new List<CocoAnnotation>(document.Annotations?.Count ?? 0);
        foreach (var a in document.Annotations ?? [])
        {
            if (a.Bbox.Length != 4)
            {
                throw new EvaluationDataException(path, null, $"annotation {a.Id} has a bbox of {a.Bbox.Length} numbers, expected 4 [x, y, width, height]");
            }

            var box = new CocoBox(a.Bbox[0], a.Bbox[1], a.Bbox[2], a.Bbox[3]);
            annotations.Add(new CocoAnnotation(a.Id, a.ImageId, a.CategoryId, box, a.Area ?? box.Area, a.IsCrowd != 0));
        }

        return new CocoGroundTruth(images, categories, annotations, path);
    }
}
