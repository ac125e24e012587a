using System.Text.Json;
using EdgeWatch.Pipeline.Evaluation;
using Xunit.Abstractions;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

/// <summary>The evaluator and loaders against real data: coco64 and pycocotools' own figures for it.</summary>
public sealed class CocoReferenceTests(ITestOutputHelper output)
{
    private static readonly string Coco64 = SharedData.Path("testdata", "coco64");
    private static readonly string ResultsFile = SharedData.Path("testdata", "reference", "coco64-yolox-nano-results.json");

    [Fact]
    public void Yolox_nano_results_on_coco64_score_what_pycocotools_scored()
    {
        var evaluation = new CocoEvaluator().Evaluate(InstancesGroundTruth(), CocoResultsFile.Load(ResultsFile));

        output.WriteLine(CocoSummaryText.Format(evaluation));
        var expected = ReferenceStats();
        for (var i = 0; i < expected.Length; i++)
        {
            output.WriteLine($"stat {i}: {evaluation.Stats[i]:0.000000} (pycocotools {expected[i]:0.0000})");
        }

        // The reference is rounded to 4 decimals: every figure must round to it.
        Assert.Equal(12, evaluation.Stats.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange(evaluation.Stats[i], expected[i] - 0.00005 - 1e-12, expected[i] + 0.00005 + 1e-12);
        }

        Assert.Equal(64, evaluation.ImageCount);
        Assert.Equal(423, evaluation.GroundTruthCount);
        Assert.Equal(2565, evaluation.DetectionCount);
    }

    [Fact]
    public void Summary_text_reads_like_pycocotools_summarize()
    {
        var evaluation = new CocoEvaluator().Evaluate(InstancesGroundTruth(), CocoResultsFile.Load(ResultsFile));

        const string Expected =
            " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.405\n"
            + " Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 0.604\n"
            + " Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = 0.409\n"
            + " Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.234\n"
            + " Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.321\n"
            + " Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.587\n"
            + " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.348\n"
            + " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = 0.487\n"
            + " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.495\n"
            + " Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.265\n"
            + " Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.406\n"
            + " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.661\n";
        Assert.Equal(Expected, CocoSummaryText.Format(evaluation));
    }

    [Fact]
    public void Per_class_table_names_each_category_with_its_ap_and_object_count()
    {
        var evaluation = new CocoEvaluator().Evaluate(InstancesGroundTruth(), CocoResultsFile.Load(ResultsFile));

        Assert.Equal(80, evaluation.PerClass.Count);
        var person = evaluation.PerClass[0];
        Assert.Equal((1, "person", 140), (person.CategoryId, person.Name, person.GroundTruthCount));
        Assert.InRange(person.Ap, 0.01, 1);
        var train = evaluation.PerClass.Single(c => c.Name == "train");
        Assert.False(train.HasGroundTruth);
        Assert.Equal(-1, train.Ap);

        // Per-class APs of the classes with ground truth average to mAP, as in pycocotools.
        Assert.Equal(evaluation.Map, evaluation.PerClass.Where(c => c.HasGroundTruth).Average(c => c.Ap), 1e-12);
        Assert.Equal(evaluation.Map50, evaluation.PerClass.Where(c => c.HasGroundTruth).Average(c => c.Ap50), 1e-12);

        var table = CocoSummaryText.FormatPerClass(evaluation);
        output.WriteLine(table);
        Assert.Matches($@"\n   1  person\s+{person.Ap:0.000}\s+{person.Ap50:0.000}\s+140\n", table);
        Assert.Matches(@"\n   7  train\s+-\s+-\s+0\n", table);
    }

    [Fact]
    public void Yolo_labels_of_coco64_give_the_same_images_and_boxes_as_its_instances_file()
    {
        var instances = InstancesGroundTruth();
        var yolo = YoloGroundTruth();

        Assert.Equal(instances.Categories, yolo.Categories); // darknet names mapped to official ids and names
        Assert.Equal(instances.Images.OrderBy(i => i.Id), yolo.Images.OrderBy(i => i.Id)); // sizes from the JPEG headers
        foreach (var image in instances.Images)
        {
            var expected = instances.Annotations.Where(a => a.ImageId == image.Id).ToList();
            var actual = yolo.Annotations.Where(a => a.ImageId == image.Id).ToList();
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].CategoryId, actual[i].CategoryId);
                Assert.False(actual[i].IsCrowd);

                // The labels hold 6 decimals of the normalised box: 0.5e-6 * 640 px per number.
                Assert.Equal(expected[i].Box.X, actual[i].Box.X, 0.001);
                Assert.Equal(expected[i].Box.Y, actual[i].Box.Y, 0.001);
                Assert.Equal(expected[i].Box.Width, actual[i].Box.Width, 0.001);
                Assert.Equal(expected[i].Box.Height, actual[i].Box.Height, 0.001);

                // instances.json gives its own areas; YOLO's are box areas. Here they differ by under 0.1 %.
                Assert.Equal(expected[i].Area, actual[i].Area, expected[i].Area * 0.001);
            }
        }
    }

    [Fact]
    public void Yolo_labels_of_coco64_score_the_same_as_its_instances_file()
    {
        var detections = CocoResultsFile.Load(ResultsFile);

        var fromInstances = new CocoEvaluator().Evaluate(InstancesGroundTruth(), detections);
        var fromYolo = new CocoEvaluator().Evaluate(YoloGroundTruth(), detections);

        // coco64 has no crowd regions (which YOLO labels cannot express) and no object whose area change
        // (< 0.1 %) moves it across 32² or 96², so the figures agree to rounding. On full COCO they would not:
        // crowd regions become ordinary objects that count as misses, and segmentation areas differ from box areas.
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(fromInstances.Stats[i], fromYolo.Stats[i], 1e-4);
        }
    }

    [Fact]
    public void Images_without_a_label_file_are_images_without_objects()
    {
        var yolo = YoloGroundTruth();

        Assert.Equal(64, yolo.Images.Count);
        Assert.Equal(62, Directory.GetFiles(Path.Combine(Coco64, "labels"), "*.txt").Length);
        foreach (var imageId in new[] { 250, 508 })
        {
            Assert.True(yolo.TryGetImage(imageId, out var image));
            Assert.Equal($"{imageId:D12}.jpg", image.FileName);
            Assert.DoesNotContain(yolo.Annotations, a => a.ImageId == imageId);
        }
    }

    [Fact]
    public void Detections_added_image_by_image_score_like_the_same_results_file()
    {
        var groundTruth = YoloGroundTruth();
        var fromFile = CocoResultsFile.Load(ResultsFile);
        var inMemory = new CocoDetectionSet("yolox-nano");
        foreach (var image in fromFile.Detections.GroupBy(d => d.ImageId))
        {
            foreach (var d in image)
            {
                inMemory.Add(d.ImageId, d.CategoryId, d.Box, d.Score);
            }
        }

        var expected = new CocoEvaluator().Evaluate(groundTruth, fromFile);
        var actual = new CocoEvaluator().Evaluate(groundTruth, inMemory);

        Assert.Equal(expected.Stats, actual.Stats);
    }

    [Fact]
    public void A_written_results_file_reads_back_identical_detections()
    {
        using var folder = new TemporaryFolder();
        var original = CocoResultsFile.Load(ResultsFile);
        var path = folder.Combine("results.json");

        CocoResultsFile.Save(original, path);
        var reread = CocoResultsFile.Load(path);

        Assert.Equal(original.Detections, reread.Detections);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var first = json.RootElement[0];
        Assert.Equal(9, first.GetProperty("image_id").GetInt32());
        Assert.Equal(51, first.GetProperty("category_id").GetInt32());
        Assert.Equal([307.841, 0.279, 324.512, 242.428], first.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(0.881494, first.GetProperty("score").GetDouble());
    }

    private static CocoGroundTruth InstancesGroundTruth() => CocoInstancesFile.Load(Path.Combine(Coco64, "instances.json"));

    // coco64's label class index is the 80-class index; yolox's darknet-style class list is in that order.
    private static CocoGroundTruth YoloGroundTruth() => YoloLabelFolder.Load(
        Path.Combine(Coco64, "labels"), Path.Combine(Coco64, "images"), SharedData.Path("models", "yolox-nano", "coco_classes.txt"));

    private static double[] ReferenceStats()
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(SharedData.Path("testdata", "reference", "coco64-yolox-nano-cocoeval.json")));
        return [.. reference.RootElement.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble())];
    }
}
