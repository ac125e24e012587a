using System.Diagnostics.CodeAnalysis;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// What a detector is scored against: images, categories and the objects in them. Load one with
/// <see cref="CocoInstancesFile"/> or <see cref="YoloLabelFolder"/>, or build one in memory.
/// The constructor checks that everything refers to something that exists.
/// </summary>
public sealed class CocoGroundTruth
{
    private readonly Dictionary<int, CocoImage> _imagesById;
    private readonly Dictionary<string, CocoImage> _imagesByFileName;
    private readonly Dictionary<int, CocoCategory> _categoriesById;

    /// <summary>Builds a ground truth and checks it.</summary>
    /// <param name="images">The images; ids and file names unique.</param>
    /// <param name="categories">The categories; ids unique.</param>
    /// <param name="annotations">The objects; ids unique, each in a listed image and category.</param>
    /// <param name="source">What it was read from, for error messages (a file or folder path).</param>
    /// <exception cref="EvaluationDataException">Something refers to an image or category that is not there,
    /// or an id repeats.</exception>
    public CocoGroundTruth(
        IEnumerable<CocoImage> images,
        IEnumerable<CocoCategory> categories,
        IEnumerable<CocoAnnotation> annotations,
        string source = "ground truth")
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Images = [.. images];
        Categories = [.. categories];
        Annotations = [.. annotations];

        _imagesById = new Dictionary<int, CocoImage>(Images.Count);
        _imagesByFileName = new Dictionary<string, CocoImage>(Images.Count, StringComparer.Ordinal);
        foreach (var image in Images)
        {
            if (!_imagesById.TryAdd(image.Id, image))
            {
                throw Problem($"image id {image.Id} is listed twice");
            }

            if (image.Width < 0 || image.Height < 0)
            {
                throw Problem($"image {image.Id} ('{image.FileName}') has size {image.Width}x{image.Height}");
            }

            if (image.FileName.Length > 0 && !_imagesByFileName.TryAdd(image.FileName, image))
            {
                throw Problem($"file name '{image.FileName}' is listed for images {_imagesByFileName[image.FileName].Id} and {image.Id}");
            }
        }

        _categoriesById = new Dictionary<int, CocoCategory>(Categories.Count);
        foreach (var category in Categories)
        {
            if (!_categoriesById.TryAdd(category.Id, category))
            {
                throw Problem($"category id {category.Id} is listed twice");
            }
        }

        var annotationIds = new HashSet<long>(Annotations.Count);
        foreach (var annotation in Annotations)
        {
            if (!annotationIds.Add(annotation.Id))
            {
                throw Problem($"annotation id {annotation.Id} is used twice");
            }

            if (!_imagesById.ContainsKey(annotation.ImageId))
            {
                throw Problem($"annotation {annotation.Id} refers to image id {annotation.ImageId}, which is not among the images");
            }

            if (!_categoriesById.ContainsKey(annotation.CategoryId))
            {
                throw Problem($"annotation {annotation.Id} refers to category id {annotation.CategoryId}, which is not among the categories");
            }

            if (!annotation.Box.IsFinite || !double.IsFinite(annotation.Area))
            {
                throw Problem($"annotation {annotation.Id} has a box or area that is not a finite number");
            }
        }
    }

    /// <summary>What this was read from (a file or folder path), used in error messages.</summary>
    public string Source { get; }

    /// <summary>The images, in the order given.</summary>
    public IReadOnlyList<CocoImage> Images { get; }

    /// <summary>The categories, in the order given.</summary>
    public IReadOnlyList<CocoCategory> Categories { get; }

    /// <summary>The objects, in the order given (the order matters for ties, as in pycocotools).</summary>
    public IReadOnlyList<CocoAnnotation> Annotations { get; }

    /// <summary>Finds an image by id.</summary>
    public bool TryGetImage(int imageId, [NotNullWhen(true)] out CocoImage? image) =>
        _imagesById.TryGetValue(imageId, out image);

    /// <summary>Finds an image by its file name exactly as listed (e.g. "000000000009.jpg").</summary>
    public bool TryGetImageByFileName(string fileName, [NotNullWhen(true)] out CocoImage? image) =>
        _imagesByFileName.TryGetValue(fileName, out image);

    /// <summary>Finds a category by id.</summary>
    public bool TryGetCategory(int categoryId, [NotNullWhen(true)] out CocoCategory? category) =>
        _categoriesById.TryGetValue(categoryId, out category);

    private EvaluationDataException Problem(string problem) => new(Source, null, problem);
}
