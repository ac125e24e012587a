using EdgeWatch.Pipeline.Evaluation;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

/// <summary>Finding a ground truth's images in a folder: a folder that does not fit the annotations is a clear error.</summary>
public sealed class GroundTruthImagesTests : IDisposable
{
    private static readonly string Coco64 = SharedData.Path("testdata", "coco64");
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void Every_coco64_image_is_found_in_the_annotations_order()
    {
        var truth = CocoInstancesFile.Load(Path.Combine(Coco64, "instances.json"));

        var located = GroundTruthImages.Locate(truth, Path.Combine(Coco64, "images"));

        Assert.Equal(truth.Images, located.Files.Select(f => f.Image));
        Assert.All(located.Files, f => Assert.True(File.Exists(f.Path), f.Path));
        Assert.Equal("000000000009.jpg", Path.GetFileName(located.Files[0].Path));
        Assert.Empty(located.NotAnnotated);
    }

    [Fact]
    public void An_empty_folder_is_an_error()
    {
        var empty = _folder.Folder("empty");

        var e = Assert.Throws<EvaluationDataException>(() => GroundTruthImages.Locate(CocoInstancesFile.Load(Path.Combine(Coco64, "instances.json")), empty));

        Assert.Equal(empty, e.FilePath);
        Assert.Contains("holds no .jpg, .jpeg, .png, .bmp files", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_an_error()
    {
        var missing = _folder.Combine("nowhere");

        var e = Assert.Throws<EvaluationDataException>(() => GroundTruthImages.Locate(CocoInstancesFile.Load(Path.Combine(Coco64, "instances.json")), missing));

        Assert.Equal($"{missing}: images folder not found", e.Message);
    }

    [Fact]
    public void Annotated_images_missing_from_the_folder_are_an_error_that_counts_and_names_them()
    {
        var images = _folder.Folder("images");
        foreach (var file in Directory.GetFiles(Path.Combine(Coco64, "images")).Order(StringComparer.Ordinal).Skip(2))
        {
            File.Copy(file, Path.Combine(images, Path.GetFileName(file)));
        }

        var e = Assert.Throws<EvaluationDataException>(() => GroundTruthImages.Locate(CocoInstancesFile.Load(Path.Combine(Coco64, "instances.json")), images));

        Assert.Contains("the annotations do not match the images: 2 of the 64 images listed in", e.Message, StringComparison.Ordinal);
        Assert.Contains("(000000000009.jpg, 000000000030.jpg)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_of_other_images_is_an_error_saying_none_match()
    {
        var e = Assert.Throws<EvaluationDataException>(() =>
            GroundTruthImages.Locate(CocoInstancesFile.Load(Path.Combine(Coco64, "instances.json")), SharedData.Path("testdata", "images")));

        Assert.Contains("none of the 64 images listed in", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_the_annotations_do_not_list_are_reported_not_evaluated()
    {
        var truth = new CocoGroundTruth([new CocoImage(1, "dog.jpg", 768, 576)], [new CocoCategory(18, "dog")], [], "one.json");

        var located = GroundTruthImages.Locate(truth, SharedData.Path("testdata", "images"));

        Assert.Single(located.Files);
        Assert.Equal(["faces-13.jpg", "giraffe.jpg", "person.jpg"], located.NotAnnotated);
    }

    public void Dispose() => _folder.Dispose();
}
