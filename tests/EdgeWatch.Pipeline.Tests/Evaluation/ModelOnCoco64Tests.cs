using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Evaluation;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;
using Xunit.Abstractions;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

/// <summary>
/// YOLOX-Nano run by EdgeWatch on coco64 and scored: the figures an independent implementation got under pycocotools
/// (0.405 / 0.604 at score 0.01, class-aware NMS 0.65, 100 per image; 0.334 / 0.449 at 0.3), and what feeding the model
/// the wrong channel order costs.
/// </summary>
public sealed class ModelOnCoco64Tests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Coco64 = SharedData.Path("testdata", "coco64");
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Yolox_nano_scores_within_a_hundredth_of_the_independent_implementation()
    {
        var model = await TestModels.OpenAsync("yolox-nano");
        var truth = CocoInstancesFile.Load(Path.Combine(Coco64, "instances.json"));

        var detections = await DetectAsync(model, truth, 0.01f, 0.65f);
        var evaluation = new CocoEvaluator().Evaluate(truth, detections);

        output.WriteLine(CocoSummaryText.Format(evaluation));
        Assert.InRange(evaluation.Map, 0.405 - 0.01, 0.405 + 0.01);
        Assert.InRange(evaluation.Map50, 0.604 - 0.01, 0.604 + 0.01);

        // The same run at score 0.3: greedy NMS only lets a higher-scored box suppress another, so keeping the boxes
        // scored 0.3 or more gives exactly what a run at 0.3 keeps.
        var confident = new CocoDetectionSet("yolox-nano at 0.3");
        confident.AddRange(detections.Detections.Where(d => d.Score >= 0.3));
        var at03 = new CocoEvaluator().Evaluate(truth, confident);
        output.WriteLine(CocoSummaryText.Format(at03));
        Assert.InRange(at03.Map, 0.334 - 0.01, 0.334 + 0.01);
        Assert.InRange(at03.Map50, 0.449 - 0.01, 0.449 + 0.01);
    }

    [Fact]
    public async Task Fed_rgb_instead_of_the_manifests_bgr_yolox_nano_loses_several_points()
    {
        var model = await TestModels.OpenAsync("yolox-nano");
        var truth = CocoInstancesFile.Load(Path.Combine(Coco64, "instances.json"));
        var rgb = ModelDefinition.Open(ModelManifest.Load(FlippedManifest(model)));
        Assert.Equal(ColorOrder.Rgb, rgb.Preprocess.ColorOrder);

        var bgrScore = new CocoEvaluator().Evaluate(truth, await DetectAsync(model, truth, 0.01f, 0.65f));
        var rgbScore = new CocoEvaluator().Evaluate(truth, await DetectAsync(rgb, truth, 0.01f, 0.65f));

        output.WriteLine($"BGR (the manifest's): mAP {bgrScore.Map:0.000}, mAP50 {bgrScore.Map50:0.000}; RGB: mAP {rgbScore.Map:0.000}, mAP50 {rgbScore.Map50:0.000}");
        Assert.True(bgrScore.Map - rgbScore.Map >= 0.03, $"mAP {bgrScore.Map:0.000} (BGR) vs {rgbScore.Map:0.000} (RGB)");
        Assert.True(bgrScore.Map50 - rgbScore.Map50 >= 0.03, $"mAP50 {bgrScore.Map50:0.000} (BGR) vs {rgbScore.Map50:0.000} (RGB)");
    }

    [Fact]
    public async Task An_image_whose_size_is_not_its_annotations_is_an_error()
    {
        var model = await TestModels.OpenAsync("yolox-nano");
        var truth = new CocoGroundTruth([new CocoImage(7, "dog.jpg", 640, 480)], [new CocoCategory(18, "dog")], [], "dog.json");
        var images = GroundTruthImages.Locate(truth, SharedData.Path("testdata", "images"));
        using var engine = OnnxRuntimeEngine.Load(model);
        using var pass = new DetectionPass(engine, new DetectionFilter(0.01f, null, 0.65f, 100));
        var detector = new DatasetDetector(pass, ModelCategoryMap.Create(model, truth));

        var e = await Assert.ThrowsAsync<EvaluationDataException>(() => detector.DetectAsync(images, "yolox-nano"));

        Assert.Equal(images.Files[0].Path, e.FilePath);
        Assert.Contains("is 768x576, but the annotations give image 7 as 640x480: the annotations do not match the images", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<CocoDetectionSet> DetectAsync(ModelDefinition model, CocoGroundTruth truth, float threshold, float nms)
    {
        using var engine = OnnxRuntimeEngine.Load(model);
        using var pass = new DetectionPass(engine, new DetectionFilter(threshold, null, nms, 100));
        var detector = new DatasetDetector(pass, ModelCategoryMap.Create(model, truth));
        var calls = 0;
        var detections = await detector.DetectAsync(GroundTruthImages.Locate(truth, Path.Combine(Coco64, "images")), model.Name, (done, total) =>
        {
            calls++;
            Assert.Equal(64, total);
            Assert.Equal(calls, done);
        });
        Assert.Equal(64, calls);
        Assert.Equal(0, detector.Unscored);
        return detections;
    }

    // The checkout's manifest with input.colorOrder flipped, written elsewhere, pointing at the real files by absolute path.
    private string FlippedManifest(ModelDefinition model)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(model.Manifest.SourcePath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        Assert.Equal("BGR", (string?)manifest["input"]!["colorOrder"]);
        manifest["name"] = "yolox-nano-rgb";
        manifest["input"]!["colorOrder"] = "RGB";
        manifest["model"] = model.ModelPath;
        manifest["labels"]!["file"] = model.Manifest.Resolve(model.Manifest.Labels!.File!);
        manifest["files"] = new JsonArray();
        return _folder.Write("yolox-nano-rgb.json", manifest.ToJsonString());
    }
}
