using EdgeWatch.Pipeline.Evaluation;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

public sealed class CocoLabelMapTests
{
    [Fact]
    public void Every_yolox_class_name_maps_to_the_coco_category_of_the_same_index()
    {
        var labels = YoloLabelFolder.ReadClassNames(SharedData.Path("models", "yolox-nano", "coco_classes.txt"));

        var mapping = CocoLabelMap.Default.Map(labels);

        Assert.Equal(80, labels.Count);
        Assert.Empty(mapping.UnknownLabels);
        Assert.Equal(CocoCategories.All, mapping.Categories);
    }

    [Fact]
    public void Darknet_and_voc_spellings_differ_from_coco_only_where_an_alias_covers_them()
    {
        var labels = YoloLabelFolder.ReadClassNames(SharedData.Path("models", "yolox-nano", "coco_classes.txt"));

        var differing = labels.Zip(CocoCategories.All).Where(p => p.First != p.Second.Name).ToDictionary(p => p.First, p => p.Second.Name);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["motorbike"] = "motorcycle", ["aeroplane"] = "airplane", ["sofa"] = "couch",
                ["pottedplant"] = "potted plant", ["diningtable"] = "dining table", ["tvmonitor"] = "tv",
            },
            differing);
        Assert.All(differing, pair => Assert.Equal(pair.Value, CocoLabelMap.BuiltInAliases[pair.Key]));
    }

    [Theory]
    [InlineData("tvmonitor", 72)]
    [InlineData("sofa", 63)]
    [InlineData("motorbike", 4)]
    [InlineData("aeroplane", 5)]
    [InlineData("diningtable", 67)]
    [InlineData("pottedplant", 64)]
    [InlineData("person", 1)]
    [InlineData("toothbrush", 90)]
    [InlineData("  Dining_Table ", 67)]
    [InlineData("TEDDY BEAR", 88)]
    public void Labels_resolve_to_official_coco_ids(string label, int expectedId)
    {
        Assert.True(CocoLabelMap.Default.TryGetCategory(label, out var category));
        Assert.Equal(expectedId, category.Id);
    }

    [Fact]
    public void A_manifest_can_add_aliases()
    {
        var map = new CocoLabelMap(new Dictionary<string, string> { ["pedestrian"] = "person", ["television"] = "tvmonitor" });

        var mapping = map.Map(["pedestrian", "television", "car"]);

        Assert.Equal([1, 72, 3], mapping.Categories.Select(c => c!.Id));
    }

    [Fact]
    public void An_alias_to_no_category_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new CocoLabelMap(new Dictionary<string, string> { ["widget"] = "gizmo" }));

        Assert.Contains("'widget'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'gizmo'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_labels_are_an_error_that_lists_them_all()
    {
        var e = Assert.Throws<EvaluationDataException>(() => CocoLabelMap.Default.Map(["BACKGROUND", "person", "face", "face"], source: "labels.txt"));

        Assert.Equal("labels.txt", e.FilePath);
        Assert.Contains("2 label(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("'BACKGROUND', 'face'", e.Message, StringComparison.Ordinal);
        Assert.Contains("alias", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_labels_can_be_ignored_and_counted()
    {
        var mapping = CocoLabelMap.Default.Map(["BACKGROUND", "person"], UnknownLabelPolicy.Ignore);

        Assert.Null(mapping.CategoryIdOf(0));
        Assert.Equal(1, mapping.CategoryIdOf(1));
        Assert.Equal(["BACKGROUND"], mapping.UnknownLabels);
    }
}
