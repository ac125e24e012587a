using System.Text.Json;
using EdgeWatch.Pipeline.Evaluation;
using Xunit.Abstractions;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

public sealed class CocoReferenceTests(ITestOutputHelper output)
{
    [Fact]
    public void Yolox_nano_results_on_coco64_score_what_pycocotools_scored()
    {
        var groundTruth = CocoInstancesFile.Load(SharedData.Path("testdata", "coco64", "instances.json"));
        var detections = CocoResultsFile.Load(SharedData.Path("testdata", "reference", "coco64-yolox-nano-results.json"));

        var evaluation = new CocoEvaluator().Evaluate(groundTruth, detections);

        output.WriteLine(CocoSummaryText.Format(evaluation));
        var expected = ReferenceStats();
        for (var i = 0; i < expected.Length; i++)
        {
            output.WriteLine($"{i}: {evaluation.Stats[i]:0.000000} vs {expected[i]:0.0000} ({evaluation.Stats[i] - expected[i]:+0.000000;-0.000000})");
        }
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange(evaluation.Stats[i], expected[i] - 0.00005 - 1e-9, expected[i] + 0.00005 + 1e-9);
        }
    }

    private static double[] ReferenceStats()
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(SharedData.Path("testdata", "reference", "coco64-yolox-nano-cocoeval.json")));
        return [.. reference.RootElement.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble())];
    }
}
