using EdgeWatch.Pipeline.Evaluation;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

/// <summary>Model labels to ground-truth categories: COCO names, darknet spellings, the manifest's cocoNames, plain names.</summary>
public sealed class ModelCategoryMapTests : IDisposable
{
    private static readonly string Instances = SharedData.Path("testdata", "coco64", "instances.json");
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Darknet_names_of_yolox_nano_map_to_the_official_coco_ids()
    {
        var model = await TestModels.OpenAsync("yolox-nano");

        var map = ModelCategoryMap.Create(model, CocoInstancesFile.Load(Instances));

        Assert.Equal(1, map.CategoryIdOf(model.Labels.IndexOf("person")));
        Assert.Equal(4, map.CategoryIdOf(model.Labels.IndexOf("motorbike"))); // motorcycle
        Assert.Equal(5, map.CategoryIdOf(model.Labels.IndexOf("aeroplane"))); // airplane
        Assert.Equal(63, map.CategoryIdOf(model.Labels.IndexOf("sofa"))); // couch
        Assert.Equal(72, map.CategoryIdOf(model.Labels.IndexOf("tvmonitor"))); // tv
        Assert.Equal(90, map.CategoryIdOf(model.Labels.IndexOf("toothbrush")));
        Assert.Empty(map.UnknownLabels);
        Assert.Empty(map.CategoriesWithoutLabel);
        Assert.Equal(80, Enumerable.Range(0, model.Labels.Count).Select(map.CategoryIdOf).Distinct().Count());
    }

    [Fact]
    public async Task A_label_naming_no_category_is_an_error_that_lists_it_and_says_how_to_map_it()
    {
        var model = await TestModels.OpenAsync("ultraface-rfb-320"); // labels: BACKGROUND, face

        var e = Assert.Throws<EvaluationDataException>(() => ModelCategoryMap.Create(model, CocoInstancesFile.Load(Instances)));

        Assert.EndsWith("labels.txt", e.FilePath, StringComparison.Ordinal);
        Assert.Contains("1 label(s) of model 'ultraface-rfb-320' name no COCO category and no category of", e.Message, StringComparison.Ordinal);
        Assert.Contains("'face'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BACKGROUND", e.Message, StringComparison.Ordinal); // a background class is never an object
        Assert.Contains("labels.cocoNames", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ignored_unknown_labels_map_to_nothing_and_are_reported()
    {
        var model = await TestModels.OpenAsync("ultraface-rfb-320");

        var map = ModelCategoryMap.Create(model, CocoInstancesFile.Load(Instances), UnknownLabelPolicy.Ignore);

        Assert.Equal(["face"], map.UnknownLabels);
        Assert.Null(map.CategoryIdOf(1));
        Assert.Equal(80, map.CategoriesWithoutLabel.Count);
    }

    [Fact]
    public void The_manifests_coco_names_map_a_label_of_its_own()
    {
        var model = TinyModel("human\ncar\nunicorn\n", """{ "human": "person" }""");

        var map = ModelCategoryMap.Create(model, CocoInstancesFile.Load(Instances), UnknownLabelPolicy.Ignore);

        Assert.Equal(1, map.CategoryIdOf(0));
        Assert.Equal(3, map.CategoryIdOf(1));
        Assert.Null(map.CategoryIdOf(2));
        Assert.Null(map.CategoryIdOf(17)); // beyond the labels file: not scored
        Assert.Equal(["unicorn"], map.UnknownLabels);
        Assert.Equal(78, map.CategoriesWithoutLabel.Count);
    }

    [Fact]
    public void Background_and_placeholder_labels_are_not_unknown_labels()
    {
        var model = TinyModel("background\nperson\nN/A\nbicycle\n???\n", null);

        var map = ModelCategoryMap.Create(model, CocoInstancesFile.Load(Instances));

        Assert.Empty(map.UnknownLabels);
        Assert.Equal([null, 1, null, 2, null], Enumerable.Range(0, 5).Select(map.CategoryIdOf));
    }

    [Fact]
    public void A_coco_names_alias_that_points_nowhere_is_an_error_naming_the_manifest_key()
    {
        var model = TinyModel("human\n", """{ "human": "homo sapiens" }""");

        var e = Assert.Throws<EvaluationDataException>(() => ModelCategoryMap.Create(model, CocoInstancesFile.Load(Instances)));

        Assert.Equal(model.Manifest.SourcePath, e.FilePath);
        Assert.Contains("labels.cocoNames", e.Message, StringComparison.Ordinal);
        Assert.Contains("'homo sapiens'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_match_a_ground_truth_of_its_own_classes_by_name_not_by_coco_id()
    {
        // A YOLO dataset of non-COCO classes numbers its categories 1, 2, 3: "person" must not land on category 1 ("cat").
        var labels = _folder.Folder("labels");
        var images = _folder.Folder("images");
        File.Copy(SharedData.Path("testdata", "images", "dog.jpg"), Path.Combine(images, "dog.jpg"));
        _folder.Write("labels/dog.txt", "2 0.5 0.5 0.2 0.2\n");
        var truth = YoloLabelFolder.Load(labels, images, ["cat", "Traffic_Cone", "person"]);
        var model = TinyModel("person\ntraffic cone\ncat\n", null);

        var map = ModelCategoryMap.Create(model, truth);

        Assert.Equal(3, map.CategoryIdOf(0));
        Assert.Equal(2, map.CategoryIdOf(1));
        Assert.Equal(1, map.CategoryIdOf(2));
    }

    public void Dispose() => _folder.Dispose();

    private ModelDefinition TinyModel(string labels, string? cocoNames)
    {
        var name = $"tiny{Guid.NewGuid():N}";
        _folder.Write($"{name}/model.onnx", "placeholder: never loaded");
        _folder.Write($"{name}/labels.txt", labels);
        var aliases = cocoNames is null ? "" : $", \"cocoNames\": {cocoNames}";
        return ModelDefinition.Open(ModelManifest.Load(_folder.Write($"{name}.json", $$"""
            {
              "name": "{{name}}",
              "model": "{{name}}/model.onnx",
              "input": { "width": 8, "height": 8 },
              "decoder": { "type": "classification", "topK": 1 },
              "labels": { "file": "{{name}}/labels.txt"{{aliases}} }
            }
            """)));
    }
}
