using EdgeWatch.Pipeline.Evaluation;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

/// <summary>Bad JSON inputs and detections that do not fit the ground truth: clear, named errors.</summary>
public sealed class EvaluationInputErrorTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void Detections_of_images_not_in_the_ground_truth_are_an_error()
    {
        var truth = CocoInstancesFile.Load(SharedData.Path("testdata", "coco64", "instances.json"));
        var results = _folder.Write("results.json",
            """[{"image_id": 9, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.5}, {"image_id": 123456, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.5}]""");

        var e = Assert.Throws<EvaluationDataException>(() => new CocoEvaluator().Evaluate(truth, CocoResultsFile.Load(results)));

        Assert.Equal(results, e.FilePath);
        Assert.Contains("1 image id(s) that are not in", e.Message, StringComparison.Ordinal);
        Assert.Contains("instances.json (123456; the first at index 1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detections_of_categories_not_in_the_ground_truth_are_an_error()
    {
        var truth = CocoInstancesFile.Load(SharedData.Path("testdata", "coco64", "instances.json"));
        var detections = new CocoDetectionSet("yolox-nano on coco64");
        detections.Add(9, 0, new CocoBox(1, 2, 3, 4), 0.5); // a class index where a COCO id belongs
        detections.Add(9, 12, new CocoBox(1, 2, 3, 4), 0.5); // an id in one of COCO's gaps

        var e = Assert.Throws<EvaluationDataException>(() => new CocoEvaluator().Evaluate(truth, detections));

        Assert.StartsWith("yolox-nano on coco64: detections refer to 2 category id(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(0, 12; the first at index 0)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_an_error_naming_the_file_and_line()
    {
        var path = _folder.Write("instances.json", "{\"images\": [\n  {\"id\": 1, \"width\": 640, \"height\": 480},\n  {\"id\": 2,, }\n]}");

        var e = Assert.Throws<EvaluationDataException>(() => CocoInstancesFile.Load(path));

        Assert.Equal(path, e.FilePath);
        Assert.Equal(3, e.LineNumber);
        Assert.StartsWith($"{path}:3: malformed JSON or not a COCO instances file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_results_file_given_as_ground_truth_is_an_error()
    {
        var path = SharedData.Path("testdata", "reference", "coco64-yolox-nano-results.json");

        var e = Assert.Throws<EvaluationDataException>(() => CocoInstancesFile.Load(path));

        Assert.Equal($"{path}: the JSON holds an array, expected a COCO instances file (an object with images, annotations and categories)", e.Message);
    }

    [Theory]
    [InlineData("""[{"image_id": 1, "category_id": 1, "bbox": [1, 2, 3], "score": 0.5}]""", "element 0 has a bbox of 3 numbers, expected 4")]
    [InlineData("""[{"image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}]""", "malformed JSON or not a COCO results file")]
    [InlineData("""{"image_id": 1}""", "the JSON holds an object, expected a COCO results file")]
    [InlineData("""[{"image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.5}""", "malformed JSON or not a COCO results file")]
    public void A_malformed_results_file_is_an_error(string json, string problem)
    {
        var path = _folder.Write("results.json", json);

        var e = Assert.Throws<EvaluationDataException>(() => CocoResultsFile.Load(path));

        Assert.Equal(path, e.FilePath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"images": [], "annotations": [], "categories": [{"id": 1, "name": "person"}]}""", "lists no images")]
    [InlineData("""{"images": [{"id": 1, "width": 640, "height": 480}], "annotations": []}""", "lists no categories")]
    [InlineData("""{"images": [{"id": 1, "width": 640, "height": 480}], "categories": [{"id": 1, "name": "person"}], "annotations": [{"id": 5, "image_id": 2, "category_id": 1, "bbox": [1, 2, 3, 4]}]}""", "annotation 5 refers to image id 2, which is not among the images")]
    [InlineData("""{"images": [{"id": 1, "width": 640, "height": 480}], "categories": [{"id": 1, "name": "person"}], "annotations": [{"id": 5, "image_id": 1, "category_id": 3, "bbox": [1, 2, 3, 4]}]}""", "annotation 5 refers to category id 3, which is not among the categories")]
    [InlineData("""{"images": [{"id": 1, "width": 640, "height": 480}], "categories": [{"id": 1, "name": "person"}], "annotations": [{"id": 5, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3]}]}""", "annotation 5 has a bbox of 3 numbers")]
    [InlineData("""{"images": [{"id": 1, "width": 640, "height": 480}, {"id": 1, "width": 640, "height": 480}], "categories": [{"id": 1, "name": "person"}]}""", "image id 1 is listed twice")]
    public void An_inconsistent_instances_file_is_an_error(string json, string problem)
    {
        var path = _folder.Write("instances.json", json);

        var e = Assert.Throws<EvaluationDataException>(() => CocoInstancesFile.Load(path));

        Assert.Equal(path, e.FilePath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_are_errors_naming_them()
    {
        var missing = _folder.Combine("absent.json");

        var instances = Assert.Throws<EvaluationDataException>(() => CocoInstancesFile.Load(missing));
        var results = Assert.Throws<EvaluationDataException>(() => CocoResultsFile.Load(missing));

        Assert.Equal($"{missing}: file not found", instances.Message);
        Assert.Equal($"{missing}: file not found", results.Message);
    }

    [Fact]
    public void An_instances_file_without_area_or_iscrowd_uses_the_box_area_and_no_crowd()
    {
        var path = _folder.Write("instances.json",
            """{"images": [{"id": 1, "file_name": "a.jpg", "width": 640, "height": 480}], "categories": [{"id": 1, "name": "person"}], "annotations": [{"id": 5, "image_id": 1, "category_id": 1, "bbox": [1, 2, 30, 40], "segmentation": [[1, 2, 3, 4]]}]}""");

        var truth = CocoInstancesFile.Load(path);

        Assert.Equal(new CocoAnnotation(5, 1, 1, new CocoBox(1, 2, 30, 40), 1200, false), Assert.Single(truth.Annotations));
        Assert.True(truth.TryGetImageByFileName("a.jpg", out var image));
        Assert.Equal(1, image.Id);
    }

    [Fact]
    public void An_empty_results_file_is_a_detector_that_found_nothing()
    {
        var path = _folder.Write("results.json", "[]");

        var evaluation = new CocoEvaluator().Evaluate(
            CocoInstancesFile.Load(SharedData.Path("testdata", "coco64", "instances.json")), CocoResultsFile.Load(path));

        Assert.Equal(0, evaluation.Map);
        Assert.Equal(0, evaluation.DetectionCount);
    }

    public void Dispose() => _folder.Dispose();
}
