using System.Text.Json;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;

namespace EdgeWatch.Pipeline.Tests.Inference;

/// <summary>
/// Real models on real images through the whole inference core (ffmpeg decode, pre-processing, ONNX Runtime, decoder,
/// NMS), compared with an independent implementation's results in ../shared/testdata/reference: same labels, scores
/// within 0.05, boxes overlapping at IoU 0.85 or more.
/// </summary>
public sealed class ReferenceDetectionTests
{
    [Theory]
    [InlineData("yolox-nano", "dog.jpg")]
    [InlineData("yolox-nano", "person.jpg")]
    [InlineData("yolox-nano", "giraffe.jpg")]
    [InlineData("ultraface-rfb-320", "faces-13.jpg")]
    public async Task Detector_finds_what_the_reference_implementation_finds(string modelName, string imageName)
    {
        var expected = Reference(modelName, imageName);
        var actual = await DetectAsync(modelName, SharedData.Path("testdata", "images", imageName));

        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        Assert.Equal(expected.Detections.Select(d => d.Label).Order(), actual.Detections.Select(d => d.Label).Order());
        foreach (var want in expected.Detections)
        {
            // Pair each expected detection with the best-overlapping one of the same label.
            var got = actual.Detections.Where(d => d.Label == want.Label).MaxBy(d => d.Box!.Value.IoU(want.Box!.Value));
            Assert.NotNull(got);
            Assert.InRange(got.Score, want.Score - 0.05f, want.Score + 0.05f);
            Assert.True(got.Box!.Value.IoU(want.Box!.Value) >= 0.85f, $"{want.Label}: IoU {got.Box.Value.IoU(want.Box.Value):F3} with {want.Box}, got {got.Box}");
        }
    }

    [Theory]
    [InlineData("imagenet_finch.jpeg")]
    [InlineData("dog.jpg")]
    public async Task Classifier_agrees_with_the_reference_on_the_top_class(string imageName)
    {
        var path = imageName == "dog.jpg" ? SharedData.Path("testdata", "images", imageName) : SharedData.Path("models", "mobilenetv2-12-int8", imageName);
        var expected = Reference("mobilenetv2-12-int8", imageName);
        var actual = await DetectAsync("mobilenetv2-12-int8", path);

        Assert.Equal(expected.Detections[0].Label, actual.Detections[0].Label);
        Assert.InRange(actual.Detections[0].Score, expected.Detections[0].Score - 0.05f, expected.Detections[0].Score + 0.05f);
        Assert.Null(actual.Detections[0].Box);
        Assert.Equal(5, actual.Detections.Count);
    }

    private static async Task<ImageResult> DetectAsync(string modelName, string path)
    {
        var model = await TestModels.OpenAsync(modelName);
        using var engine = OnnxRuntimeEngine.Load(model);
        using var pass = new DetectionPass(engine, model.CreateFilter());
        var image = await ImageFileDecoder.DecodeAsync(path);
        var results = new DetectionList();
        pass.Detect(image.View, results);
        var detections = results.AsReadOnlySpan().ToArray()
            .Select(d => new Found(model.Labels[d.Label], d.Score, d.HasBox ? d.Box : null))
            .ToList();
        return new ImageResult(image.Width, image.Height, detections);
    }

    private static ImageResult Reference(string modelName, string imageName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedData.Path("testdata", "reference", modelName + ".json")));
        var image = document.RootElement.GetProperty(imageName);
        var detections = image.GetProperty("detections").EnumerateArray().Select(d =>
        {
            BoundingBox? box = d.TryGetProperty("box", out var b)
                ? new BoundingBox(b[0].GetSingle(), b[1].GetSingle(), b[2].GetSingle(), b[3].GetSingle())
                : null;
            return new Found(d.GetProperty("label").GetString()!, d.GetProperty("score").GetSingle(), box);
        }).ToList();
        return new ImageResult(image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32(), detections);
    }

    private sealed record Found(string Label, float Score, BoundingBox? Box);

    private sealed record ImageResult(int Width, int Height, List<Found> Detections);
}
