using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Tests.Models;

/// <summary>Manifests are how users add models: every mistake must come back naming the file and the key.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void The_checkouts_manifests_are_all_valid()
    {
        var catalog = TestModels.Catalog;
        Assert.Contains("yolox-nano", catalog.Names());
        foreach (var name in catalog.Names())
        {
            var manifest = catalog.Find(name);
            Assert.Equal(name, manifest.Name);
            Assert.All(manifest.Files, f => Assert.NotNull(f.Url));
        }
    }

    [Theory]
    [InlineData("\"type\": \"yolox\",", "\"type\": \"yolo-v9\",", "decoder.type 'yolo-v9' is unknown")]
    [InlineData("\"width\": 416", "\"width\": -416", "input.width and input.height must be 1..8192")]
    [InlineData("\"layout\": \"NCHW\"", "\"layout\": \"CHWN\"", "input.layout")]
    [InlineData("\"padValue\": 114", "\"padValue\": 114, \"padColour\": 1", "input.padColour: unknown key")]
    [InlineData("\"score\": 0.3", "\"score\": 3", "thresholds.score must be in [0, 1]")]
    [InlineData("\"strides\": [8, 16, 32]", "\"strides\": \"8,16,32\"", "decoder")]
    [InlineData("\"name\": \"custom\",", "", "name")]
    public void A_broken_manifest_is_refused_with_the_key_named(string original, string replacement, string expected)
    {
        var path = _folder.Write("custom.json", ValidManifest().Replace(original, replacement, StringComparison.Ordinal));

        var error = Assert.Throws<ManifestException>(() => ModelManifest.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_that_does_not_parse_is_refused_with_its_line()
    {
        var path = _folder.Write("custom.json", "{\n  \"name\": \"x\",\n  oops\n}");
        var error = Assert.Throws<ManifestException>(() => ModelManifest.Load(path));
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_manifest_resolves_its_files_next_to_itself_and_reads_its_labels()
    {
        _folder.Write("custom/labels.txt", "cat\ndog\n\n");
        _folder.Write("custom/model.onnx", "not really a model");
        var manifest = ModelManifest.Load(_folder.Write("custom.json", ValidManifest()));

        var model = ModelDefinition.Open(manifest);

        Assert.Equal(System.IO.Path.Combine(_folder.Path, "custom", "model.onnx"), model.ModelPath);
        Assert.Equal(["cat", "dog"], model.Labels.Names);
        Assert.Equal(EdgeWatch.Pipeline.Inference.TensorLayout.Nchw, model.Preprocess.Layout);
        Assert.Equal(EdgeWatch.Pipeline.Preprocessing.ResizeMode.Letterbox, model.Preprocess.Resize);
    }

    [Fact]
    public void A_missing_model_file_is_named_with_the_command_that_fetches_it()
    {
        var manifest = ModelManifest.Load(_folder.Write("custom.json", ValidManifest()));

        var error = Assert.Throws<ManifestException>(() => ModelDefinition.Open(manifest));

        Assert.Contains("model.onnx not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/fetch-models custom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_per_label_threshold_for_a_label_the_model_lacks_is_refused()
    {
        _folder.Write("custom/labels.txt", "cat\ndog\n");
        _folder.Write("custom/model.onnx", "x");
        var text = ValidManifest().Replace("\"score\": 0.3", "\"score\": 0.3, \"perLabel\": { \"unicorn\": 0.5 }", StringComparison.Ordinal);
        var manifest = ModelManifest.Load(_folder.Write("custom.json", text));

        var error = Assert.Throws<ManifestException>(() => ModelDefinition.Open(manifest));

        Assert.Contains("thresholds.perLabel.unicorn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_model_name_lists_the_known_ones()
    {
        var error = Assert.Throws<ManifestException>(() => TestModels.Catalog.Find("no-such-model"));
        Assert.Contains("yolox-nano", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static string ValidManifest() => """
        {
          // comments are allowed
          "name": "custom",
          "model": "custom/model.onnx",
          "input": { "width": 416, "height": 416, "layout": "NCHW", "resize": "letterbox", "padValue": 114 },
          "decoder": { "type": "yolox" },
          "labels": { "file": "custom/labels.txt" },
          "thresholds": { "score": 0.3, "nms": 0.45 }
        }
        """.Replace("{ \"type\": \"yolox\" }", "{ \"type\": \"yolox\", \"strides\": [8, 16, 32] }", StringComparison.Ordinal);
}
