using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EdgeWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Cli;

/// <summary><c>edgewatch eval</c> as a user runs it: pycocotools' figures, COCO results that re-score identically, clear errors.</summary>
public sealed class EvalCommandTests(ITestOutputHelper output)
{
    private static readonly string Coco64 = SharedData.Path("testdata", "coco64");
    private static readonly string Instances = Path.Combine(Coco64, "instances.json");
    private static readonly string Reference = SharedData.Path("testdata", "reference", "coco64-yolox-nano-results.json");

    [Fact]
    public async Task The_reference_results_score_what_pycocotools_scored_on_all_twelve_figures()
    {
        var run = await EdgeWatchCli.RunAsync(["eval", "--detections", Reference, "--annotations", Instances, "--json"]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        var root = json.RootElement;
        var expected = PycocotoolsStats();
        var stats = root.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(12, stats.Count);
        for (var i = 0; i < 12; i++)
        {
            Assert.InRange(stats[i], expected[i] - 0.002, expected[i] + 0.002);
        }

        string[] named = ["map", "map50", "map75", "map_small", "map_medium", "map_large", "ar1", "ar10", "ar100", "ar_small", "ar_medium", "ar_large"];
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(stats[i], root.GetProperty(named[i]).GetDouble());
        }

        var perClass = root.GetProperty("per_class").EnumerateArray().ToList();
        Assert.Equal(80, perClass.Count);
        Assert.Equal("person", perClass[0].GetProperty("name").GetString());
        Assert.Equal(140, perClass[0].GetProperty("objects").GetInt32());
        Assert.Equal(-1, perClass.Single(c => c.GetProperty("name").GetString() == "train").GetProperty("ap").GetDouble());
    }

    [Fact]
    public async Task The_text_report_prints_the_twelve_lines_and_per_class_ap()
    {
        var run = await EdgeWatchCli.RunAsync(["eval", "--detections", Reference, "--annotations", Instances]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.405\n", run.StdOut, StringComparison.Ordinal);
        Assert.Contains(" Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 0.604\n", run.StdOut, StringComparison.Ordinal);
        Assert.Contains(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.495\n", run.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"\n   1  person\s+0\.\d{3}\s+0\.\d{3}\s+140\n", run.StdOut);
        Assert.Matches(@"\n  72  tv\s+", run.StdOut);
    }

    [Fact]
    public async Task A_yolo_labels_folder_with_its_class_list_scores_like_the_instances_file()
    {
        var run = await EdgeWatchCli.RunAsync([
            "eval", "--detections", Reference, "--annotations", Path.Combine(Coco64, "labels"), "--images", Path.Combine(Coco64, "images"),
            "--class-names", SharedData.Path("models", "yolox-nano", "coco_classes.txt"), "--json"]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.InRange(json.RootElement.GetProperty("map").GetDouble(), 0.4048 - 0.002, 0.4048 + 0.002);
        Assert.InRange(json.RootElement.GetProperty("map50").GetDouble(), 0.6037 - 0.002, 0.6037 + 0.002);
    }

    [Fact]
    public async Task A_model_run_writes_coco_results_that_score_the_same_when_read_back_and_a_report()
    {
        await TestModels.OpenAsync("yolox-nano");
        using var directory = new TempDirectory("eval");
        var subset = WriteSubset(directory, 4);
        var results = directory.File("results.json");
        var report = directory.File("report");

        var run = await EdgeWatchCli.RunAsync([
            "eval", "--model", "yolox-nano", "--images", Path.Combine(Coco64, "images"), "--annotations", subset, "--threshold", "0.01", "--nms", "0.65",
            "--results", results, "--report", report, "--json"]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("edgewatch: note: 60 image(s) in", run.StdErr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.StdOut);
        var root = json.RootElement;
        Assert.Equal(("yolox-nano", "FP32", "cpu"), (root.GetProperty("model").GetString(), root.GetProperty("precision").GetString(), root.GetProperty("device").GetString()));
        Assert.Equal(0.01, root.GetProperty("threshold").GetDouble(), 1e-6);
        Assert.Equal(0.65, root.GetProperty("nms").GetDouble(), 1e-6);
        Assert.Equal(4, root.GetProperty("images").GetInt32());
        Assert.InRange(root.GetProperty("map").GetDouble(), 0.05, 1);

        // Anyone can re-check the results file; read back, it scores exactly the same.
        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(results));
        var first = written.RootElement[0];
        Assert.Equal(9, first.GetProperty("image_id").GetInt32());
        Assert.Equal(4, first.GetProperty("bbox").GetArrayLength());
        Assert.Equal(root.GetProperty("detections").GetInt32(), written.RootElement.GetArrayLength());
        var reread = await EdgeWatchCli.RunAsync(["eval", "--detections", results, "--annotations", subset, "--json"]);
        Assert.Equal(0, reread.ExitCode);
        using var rescored = JsonDocument.Parse(reread.StdOut);
        Assert.Equal(
            root.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble()),
            rescored.RootElement.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble()));

        var markdown = await File.ReadAllTextAsync(Path.Combine(report, "eval.md"));
        Assert.Matches(@"\| yolox-nano \| FP32 \| cpu \| 0\.01 \| 0\.65 \| 0\.\d{3} \| 0\.\d{3} \|", markdown);
        Assert.Contains("## AP@[.5:.95] per class", markdown, StringComparison.Ordinal);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var svg = XDocument.Load(Path.Combine(report, "eval.svg"));
        Assert.Equal(3, svg.Descendants(ns + "rect").Count(r => r.Element(ns + "title") is not null)); // mAP, mAP50, mAP75
    }

    [Fact]
    public async Task Color_order_overrides_the_manifests_and_names_the_model_so()
    {
        await TestModels.OpenAsync("yolox-nano");
        using var directory = new TempDirectory("eval");
        var subset = WriteSubset(directory, 2);

        var run = await EdgeWatchCli.RunAsync([
            "eval", "--model", "yolox-nano", "--color-order", "rgb", "--images", Path.Combine(Coco64, "images"), "--annotations", subset, "--json"]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.Equal("yolox-nano-rgb", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("images").GetInt32());
    }

    [Fact]
    public async Task An_empty_images_folder_is_a_clear_error()
    {
        await TestModels.OpenAsync("yolox-nano");
        using var empty = new TempDirectory("empty");

        var run = await EdgeWatchCli.RunAsync(["eval", "--model", "yolox-nano", "--images", empty.Path, "--annotations", Instances]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"edgewatch: error: {empty.Path}: the images folder holds no .jpg, .jpeg, .png, .bmp files", run.StdErr.Trim());
    }

    [Fact]
    public async Task Annotations_that_do_not_match_the_images_are_a_clear_error()
    {
        await TestModels.OpenAsync("yolox-nano");
        var images = SharedData.Path("testdata", "images");

        var run = await EdgeWatchCli.RunAsync(["eval", "--model", "yolox-nano", "--images", images, "--annotations", Instances]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"edgewatch: error: {images}: the annotations do not match the images: none of the 64 images listed in {Instances} is in this folder", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_labels_that_name_no_category_are_a_clear_error()
    {
        await TestModels.OpenAsync("ultraface-rfb-320");

        var run = await EdgeWatchCli.RunAsync(["eval", "--model", "ultraface-rfb-320", "--images", Path.Combine(Coco64, "images"), "--annotations", Instances]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("label(s) of model 'ultraface-rfb-320' name no COCO category", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("'face'", run.StdErr, StringComparison.Ordinal);
        Assert.Single(run.StdErr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "--annotations", "/nonexistent/instances.json", "--detections", "x.json" }, "/nonexistent/instances.json: no such file or folder")]
    [InlineData(new[] { "--annotations", "LABELS", "--detections", "REFERENCE", "--images", "IMAGES" }, "a YOLO labels folder needs its class list")]
    [InlineData(new[] { "--annotations", "INSTANCES" }, "give --model (to run a model on --images) or --detections")]
    [InlineData(new[] { "--annotations", "INSTANCES", "--detections", "INSTANCES" }, "the JSON holds an object, expected a COCO results file")]
    [InlineData(new[] { "--annotations", "INSTANCES", "--detections", "REFERENCE", "--max-dets", "10" }, "--max-dets must be above 10")]
    public async Task Bad_inputs_are_reported_in_one_line(string[] arguments, string message)
    {
        var resolved = arguments.Select(a => a switch
        {
            "LABELS" => Path.Combine(Coco64, "labels"),
            "IMAGES" => Path.Combine(Coco64, "images"),
            "INSTANCES" => Instances,
            "REFERENCE" => Reference,
            _ => a,
        });

        var run = await EdgeWatchCli.RunAsync(["eval", .. resolved]);

        output.WriteLine(run.ToString());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Single(run.StdErr.Trim().Split('\n'));
    }

    // The first images of coco64's instances file (and their objects) as an instances file of their own.
    private static string WriteSubset(TempDirectory directory, int count)
    {
        var document = JsonNode.Parse(File.ReadAllText(Instances))!.AsObject();
        var images = document["images"]!.AsArray().Take(count).Select(i => i!.DeepClone()).ToList();
        var ids = images.Select(i => (int)i!["id"]!).ToHashSet();
        var annotations = document["annotations"]!.AsArray().Where(a => ids.Contains((int)a!["image_id"]!)).Select(a => a!.DeepClone()).ToList();
        document["images"] = new JsonArray([.. images]);
        document["annotations"] = new JsonArray([.. annotations]);
        var path = directory.File("subset.json");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    private static double[] PycocotoolsStats()
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(SharedData.Path("testdata", "reference", "coco64-yolox-nano-cocoeval.json")));
        return [.. reference.RootElement.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble())];
    }
}
