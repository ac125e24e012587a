using EdgeWatch.Pipeline.Evaluation;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

/// <summary>YOLO folders built in a temporary folder from two real coco64 images (640×480 and 640×428).</summary>
public sealed class YoloLabelFolderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly string _images;
    private readonly string _labels;

    public YoloLabelFolderTests()
    {
        _images = _folder.Folder("images");
        _labels = _folder.Folder("labels");
    }

    [Fact]
    public void Names_that_are_not_coco_get_ids_by_class_index()
    {
        AddImages("bench.jpg", "shelf.jpg");
        _folder.Write("labels/bench.txt", "1 0.5 0.5 0.25 0.5\n\n0 0.1 0.2 0.1 0.1\n");

        var truth = YoloLabelFolder.Load(_labels, _images, ["widget", "gadget"]);

        Assert.Equal([new CocoCategory(1, "widget"), new CocoCategory(2, "gadget")], truth.Categories);
        Assert.Equal([new CocoImage(1, "bench.jpg", 640, 480), new CocoImage(2, "shelf.jpg", 640, 428)], truth.Images); // ids by name order
        var gadget = truth.Annotations[0];
        Assert.Equal((1, 2, false), (gadget.ImageId, gadget.CategoryId, gadget.IsCrowd));
        Assert.Equal(new CocoBox(240, 120, 160, 240), gadget.Box);
        Assert.Equal(160 * 240, gadget.Area);
        Assert.Equal(2, truth.Annotations.Count);
    }

    [Fact]
    public void Numeric_file_names_are_the_image_ids()
    {
        AddImages("000000000042.jpg", "7.jpg");

        var truth = YoloLabelFolder.Load(_labels, _images, ["person"]);

        Assert.Equal([42, 7], truth.Images.Select(i => i.Id));
        Assert.Equal([new CocoCategory(1, "person")], truth.Categories); // a COCO name keeps its COCO id
        Assert.Empty(truth.Annotations);
    }

    [Fact]
    public void A_label_file_without_an_image_is_an_error()
    {
        AddImages("a.jpg");
        var orphan = _folder.Write("labels/b.txt", "0 0.5 0.5 0.1 0.1\n");

        var e = Assert.Throws<EvaluationDataException>(() => YoloLabelFolder.Load(_labels, _images, ["person"]));

        Assert.Equal(orphan, e.FilePath);
        Assert.Contains("no image named 'b'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_index_out_of_range_is_an_error_at_its_line()
    {
        AddImages("a.jpg");
        var classes = _folder.Write("classes.names", "person\ncar\n");
        var labels = _folder.Write("labels/a.txt", "0 0.5 0.5 0.1 0.1\n2 0.5 0.5 0.1 0.1\n");

        var e = Assert.Throws<EvaluationDataException>(() => YoloLabelFolder.Load(_labels, _images, classes));

        Assert.Equal($"{labels}:2: class index 2 is out of range: {classes} has 2 names (0..1)", e.Message);
        Assert.Equal(2, e.LineNumber);
    }

    [Theory]
    [InlineData("0 0.5 0.5 0.1", "expected 'class cx cy w h' (5 fields), found 4")]
    [InlineData("0 0.5 0.5 0.1 0.1 0.2 0.3", "expected 'class cx cy w h' (5 fields), found 7")]
    [InlineData("person 0.5 0.5 0.1 0.1", "class 'person' is not a class index")]
    [InlineData("0 0.5 half 0.1 0.1", "cy 'half' is not a number")]
    [InlineData("0 0.5 0.5 -0.1 0.1", "negative box width or height")]
    public void A_malformed_label_line_is_an_error_at_its_line(string line, string problem)
    {
        AddImages("a.jpg");
        var labels = _folder.Write("labels/a.txt", $"0 0.5 0.5 0.1 0.1\n{line}\n");

        var e = Assert.Throws<EvaluationDataException>(() => YoloLabelFolder.Load(_labels, _images, ["person"]));

        Assert.Equal($"{labels}:2: {problem}", e.Message);
    }

    [Fact]
    public void An_empty_images_folder_is_an_error()
    {
        _folder.Write("images/readme.txt", "no pictures here");

        var e = Assert.Throws<EvaluationDataException>(() => YoloLabelFolder.Load(_labels, _images, ["person"]));

        Assert.Equal($"{_images}: images folder holds no .jpg, .jpeg or .png files", e.Message);
    }

    [Fact]
    public void Missing_folders_and_class_lists_are_errors_naming_them()
    {
        AddImages("a.jpg");
        var noImages = _folder.Combine("nowhere");
        var noClasses = _folder.Combine("classes.txt");

        var images = Assert.Throws<EvaluationDataException>(() => YoloLabelFolder.Load(_labels, noImages, ["person"]));
        var labels = Assert.Throws<EvaluationDataException>(() => YoloLabelFolder.Load(noImages, _images, ["person"]));
        var classes = Assert.Throws<EvaluationDataException>(() => YoloLabelFolder.Load(_labels, _images, noClasses));

        Assert.Equal($"{noImages}: images folder not found", images.Message);
        Assert.Equal($"{noImages}: labels folder not found", labels.Message);
        Assert.Equal($"{noClasses}: file not found", classes.Message);
    }

    [Fact]
    public void A_blank_line_inside_the_class_list_is_an_error()
    {
        var classes = _folder.Write("classes.txt", "person\n\ncar\n\n");

        var e = Assert.Throws<EvaluationDataException>(() => YoloLabelFolder.ReadClassNames(classes));

        Assert.Equal(2, e.LineNumber);
    }

    [Fact]
    public void Two_class_names_for_one_coco_category_are_an_error()
    {
        AddImages("a.jpg");

        var e = Assert.Throws<EvaluationDataException>(() => YoloLabelFolder.Load(_labels, _images, ["tv", "tvmonitor"], classNamesSource: "classes.txt"));

        Assert.Equal("classes.txt:2: class 'tvmonitor' and class 'tv' (line 1) are both COCO category 'tv'", e.Message);
    }

    public void Dispose() => _folder.Dispose();

    private void AddImages(params string[] names)
    {
        string[] sources = ["000000000009.jpg", "000000000030.jpg"];
        for (var i = 0; i < names.Length; i++)
        {
            File.Copy(SharedData.Path("testdata", "coco64", "images", sources[i % sources.Length]), Path.Combine(_images, names[i]));
        }
    }
}
