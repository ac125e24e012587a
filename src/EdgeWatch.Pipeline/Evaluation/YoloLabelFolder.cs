using System.Globalization;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// Reads ground truth in YOLO format: an images folder (.jpg, .jpeg, .png), a labels folder with one
/// <c>&lt;stem&gt;.txt</c> per image holding lines <c>class cx cy w h</c> (normalised to the image size; class is
/// a 0-based index into the class list), and a class list (one name per line).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Image sizes come from the image files' headers. An image with no label file, or an empty one, has no
/// objects. A label file with no image is an error.</item>
/// <item>Image ids: the file stems when every stem is a number (COCO's "000000000009.jpg" is image 9, so COCO
/// results files apply); otherwise 1, 2, ... in file-name order.</item>
/// <item>Category ids: when every class name is a COCO name or alias (see <see cref="CocoLabelMap"/>), the
/// official COCO ids and names; otherwise class index + 1, with the names as given.</item>
/// <item>Boxes are converted to pixels; area = box area; nothing is a crowd (YOLO labels cannot say so).</item>
/// <item>A file named classes.txt in the labels folder (labelImg writes one) is not read as a label file.</item>
/// </list>
/// </remarks>
public static class YoloLabelFolder
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];

    /// <summary>Loads a YOLO dataset with the class list read from a file.</summary>
    /// <exception cref="EvaluationDataException">A folder or file is missing or malformed, or labels and images
    /// do not match.</exception>
    public static CocoGroundTruth Load(string labelsFolder, string imagesFolder, string classNamesFile, CocoLabelMap? labelMap = null)
    {
        ArgumentNullException.ThrowIfNull(classNamesFile);
        return Load(labelsFolder, imagesFolder, ReadClassNames(classNamesFile), labelMap, classNamesFile);
    }

    /// <summary>Loads a YOLO dataset with the class list given.</summary>
    /// <param name="labelsFolder">Folder of <c>&lt;stem&gt;.txt</c> label files.</param>
    /// <param name="imagesFolder">Folder of the images.</param>
    /// <param name="classNames">Class names by class index.</param>
    /// <param name="labelMap">Maps class names to COCO ids; <see cref="CocoLabelMap.Default"/> when null.</param>
    /// <param name="classNamesSource">Where the class names came from, for error messages.</param>
    /// <exception cref="EvaluationDataException">A folder or file is missing or malformed, or labels and images
    /// do not match.</exception>
    public static CocoGroundTruth Load(
        string labelsFolder,
        string imagesFolder,
        IReadOnlyList<string> classNames,
        CocoLabelMap? labelMap = null,
        string classNamesSource = "class list")
    {
        ArgumentNullException.ThrowIfNull(labelsFolder);
        ArgumentNullException.ThrowIfNull(imagesFolder);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0)
        {
            throw new EvaluationDataException(classNamesSource, null, "lists no class names");
        }

        var categories = CategoriesFor(classNames, labelMap ?? CocoLabelMap.Default, classNamesSource);
        var imageFiles = ImageFiles(imagesFolder);
        var images = new List<CocoImage>(imageFiles.Count);
        var imagesByStem = new Dictionary<string, CocoImage>(StringComparer.Ordinal);
        var numericIds = NumericIds(imageFiles);
        for (var i = 0; i < imageFiles.Count; i++)
        {
            var path = imageFiles[i];
            var (width, height) = ImageHeaderReader.ReadSize(path);
            var image = new CocoImage(numericIds?[i] ?? i + 1, Path.GetFileName(path), width, height);
            if (!imagesByStem.TryAdd(Path.GetFileNameWithoutExtension(path), image))
            {
                throw new EvaluationDataException(path, null, $"another image in {imagesFolder} has the same name stem, so their label files would be the same");
            }

            images.Add(image);
        }

        var annotations = new List<CocoAnnotation>();
        foreach (var labelFile in LabelFiles(labelsFolder, imagesByStem))
        {
            var stem = Path.GetFileNameWithoutExtension(labelFile);
            if (!imagesByStem.TryGetValue(stem, out var image))
            {
                throw new EvaluationDataException(labelFile, null, $"no image named '{stem}' (.jpg, .jpeg, .png) in {imagesFolder}");
            }

            ReadLabelFile(labelFile, image, categories, classNamesSource, annotations);
        }

        return new CocoGroundTruth(images, categories, annotations, labelsFolder);
    }

    /// <summary>Reads a class list: one name per line; trailing blank lines are ignored.</summary>
    /// <exception cref="EvaluationDataException">The file is missing, empty, or has a blank line among the names
    /// (which would shift every class index after it).</exception>
    public static IReadOnlyList<string> ReadClassNames(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lines = EvaluationFiles.ReadAllLines(path).Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            throw new EvaluationDataException(path, null, "lists no class names");
        }

        var blank = lines.IndexOf("");
        if (blank >= 0)
        {
            throw new EvaluationDataException(path, blank + 1, "blank line among the class names (it would shift every class index after it)");
        }

        return lines;
    }

    private static List<CocoCategory> CategoriesFor(IReadOnlyList<string> classNames, CocoLabelMap labelMap, string source)
    {
        var mapping = labelMap.Map(classNames, UnknownLabelPolicy.Ignore, source);
        if (mapping.UnknownLabels.Count > 0)
        {
            return [.. classNames.Select((name, index) => new CocoCategory(index + 1, name))];
        }

        var categories = new List<CocoCategory>(classNames.Count);
        for (var i = 0; i < classNames.Count; i++)
        {
            var category = mapping.Categories[i]!;
            var first = categories.FindIndex(c => c.Id == category.Id);
            if (first >= 0)
            {
                throw new EvaluationDataException(source, i + 1,
                    $"class '{classNames[i]}' and class '{classNames[first]}' (line {first + 1}) are both COCO category '{category.Name}'");
            }

            categories.Add(category);
        }

        return categories;
    }

    private static List<string> ImageFiles(string imagesFolder)
    {
        if (!Directory.Exists(imagesFolder))
        {
            throw new EvaluationDataException(imagesFolder, null, "images folder not found");
        }

        var files = Directory.EnumerateFiles(imagesFolder)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0
            ? files
            : throw new EvaluationDataException(imagesFolder, null, "images folder holds no .jpg, .jpeg or .png files");
    }

    private static IEnumerable<string> LabelFiles(string labelsFolder, Dictionary<string, CocoImage> imagesByStem)
    {
        if (!Directory.Exists(labelsFolder))
        {
            throw new EvaluationDataException(labelsFolder, null, "labels folder not found");
        }

        return Directory.EnumerateFiles(labelsFolder, "*.txt")
            .Where(f => Path.GetFileName(f) != "classes.txt" || imagesByStem.ContainsKey("classes"))
            .Order(StringComparer.Ordinal);
    }

    private static int[]? NumericIds(List<string> imageFiles)
    {
        var ids = new int[imageFiles.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            var stem = Path.GetFileNameWithoutExtension(imageFiles[i]);
            if (stem.Length == 0 || !stem.All(char.IsAsciiDigit)
                || !int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]))
            {
                return null;
            }
        }

        return ids.Distinct().Count() == ids.Length ? ids : null;
    }

    private static void ReadLabelFile(
        string path, CocoImage image, List<CocoCategory> categories, string classNamesSource, List<CocoAnnotation> annotations)
    {
        var lines = EvaluationFiles.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length != 5)
            {
                throw new EvaluationDataException(path, i + 1, $"expected 'class cx cy w h' (5 fields), found {fields.Length}");
            }

            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var classIndex))
            {
                throw new EvaluationDataException(path, i + 1, $"class '{fields[0]}' is not a class index");
            }

            if (classIndex >= categories.Count)
            {
                throw new EvaluationDataException(path, i + 1,
                    $"class index {classIndex} is out of range: {classNamesSource} has {categories.Count} names (0..{categories.Count - 1})");
            }

            var cx = Number(fields[1], "cx", path, i);
            var cy = Number(fields[2], "cy", path, i);
            var w = Number(fields[3], "w", path, i);
            var h = Number(fields[4], "h", path, i);
            if (w < 0 || h < 0)
            {
                throw new EvaluationDataException(path, i + 1, "negative box width or height");
            }

            var box = new CocoBox((cx - (w / 2)) * image.Width, (cy - (h / 2)) * image.Height, w * image.Width, h * image.Height);
            annotations.Add(new CocoAnnotation(annotations.Count + 1, image.Id, categories[classIndex].Id, box, box.Area, IsCrowd: false));
        }
    }

    private static double Number(string field, string name, string path, int lineIndex) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new EvaluationDataException(path, lineIndex + 1, $"{name} '{field}' is not a number");
}
