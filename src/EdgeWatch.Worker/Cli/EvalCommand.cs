using System.CommandLine;
using System.Globalization;
using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Evaluation;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;
using EdgeWatch.Worker.Benchmarks;

namespace EdgeWatch.Worker.Cli;

/// <summary>
/// <c>edgewatch eval</c>: a model's COCO accuracy on a folder of annotated images — the daemon's own pre-processing,
/// inference and decoding on each image, scored exactly as pycocotools scores bounding boxes — or the score of a COCO
/// results file. Prints pycocotools' 12 figures and per-class AP; writes COCO results, JSON, and a Markdown + SVG report.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Model name or manifest path (repeatable: e.g. the FP32, FP16 and INT8 variants)",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var images = new Option<string?>("--images") { Description = "Folder of the images (.jpg, .jpeg, .png, .bmp)" };
        var annotations = new Option<string>("--annotations")
        {
            Description = "Ground truth: a COCO instances JSON file, or a YOLO labels folder (one <image>.txt of 'class cx cy w h' lines per image)",
            Required = true,
        };
        var classNames = new Option<string?>("--class-names") { Description = "For a YOLO labels folder: the class list, one name per line (default: classes.txt in the folder)" };
        var threshold = new Option<float>("--threshold", "-t") { Description = "Minimum score kept (low, so the whole precision-recall curve counts)", DefaultValueFactory = _ => 0.001f };
        var nms = new Option<float?>("--nms") { Description = "Class-aware NMS IoU (default: the manifest's)" };
        var maxDets = new Option<int>("--max-dets") { Description = "Most detections per image, kept and scored (COCO: 100)", DefaultValueFactory = _ => 100 };
        var detections = new Option<string?>("--detections") { Description = "Score this COCO results file instead of running a model" };
        var results = new Option<string?>("--results") { Description = "Write the detections as a COCO results file (several models: NAME inserted before .json)" };
        var device = new Option<string>("--device", "-d") { Description = "Where the model runs: cpu, MYRIAD or MYRIAD.<id>", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var colorOrder = new Option<ColorOrder?>("--color-order")
        {
            Description = "Feed the model BGR or RGB whatever its manifest says: shows what a wrong channel order costs",
            CustomParser = result => result.Tokens[0].Value.ToUpperInvariant() switch
            {
                "BGR" => ColorOrder.Bgr,
                "RGB" => ColorOrder.Rgb,
                var other => Invalid(result, $"--color-order '{other}': BGR or RGB"),
            },
        };
        var ignoreUnknown = new Option<bool>("--ignore-unknown-labels") { Description = "Drop detections of labels that name no category, instead of failing" };
        var json = new Option<bool>("--json") { Description = "JSON (one object per model) instead of the text report" };
        var report = new Option<string?>("--report") { Description = "Also write eval.md (tables) and eval.svg (chart) into this directory" };
        var command = new Command("eval", "COCO mAP of a model on annotated images (pycocotools' protocol), or of a COCO results file")
        {
            models, images, annotations, classNames, threshold, nms, maxDets, detections, results, device, threads, colorOrder, ignoreUnknown, json, report,
        };
        command.SetAction((r, ct) => CliErrors.GuardAsync(() => RunAsync(
            new EvalRequest(
                r.GetValue(models) ?? [], r.GetValue(images), r.GetRequiredValue(annotations), r.GetValue(classNames), r.GetValue(threshold), r.GetValue(nms),
                r.GetValue(maxDets), r.GetValue(detections), r.GetValue(results), r.GetRequiredValue(device), r.GetValue(threads), r.GetValue(colorOrder), r.GetValue(ignoreUnknown)),
            r.GetValue(json), r.GetValue(report), ct)));
        return command;
    }

    private static async Task<int> RunAsync(EvalRequest request, bool json, string? reportDirectory, CancellationToken cancellation)
    {
        Check(request);
        var truth = LoadGroundTruth(request);
        var evaluator = new CocoEvaluator(CocoEvaluationOptions.WithMaxDetections(request.MaxDetections));
        var outcomes = new List<EvaluationOutcome>();
        if (request.Detections is { } resultsFile)
        {
            var loaded = CocoResultsFile.Load(resultsFile);
            outcomes.Add(new EvaluationOutcome(Path.GetFileName(resultsFile), null, null, null, null, evaluator.Evaluate(truth, loaded), 0, null));
        }
        else
        {
            var located = GroundTruthImages.Locate(truth, request.Images!);
            if (located.NotAnnotated.Count > 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"edgewatch: note: {located.NotAnnotated.Count} image(s) in {request.Images} are not in the annotations and are not evaluated ({string.Join(", ", located.NotAnnotated.Take(3))}{(located.NotAnnotated.Count > 3 ? ", ..." : "")})"));
            }

            var catalog = ModelCatalog.Default();
            using var engines = new EngineProvider(spinning: true);
            foreach (var name in request.Models)
            {
                var model = WithColorOrder(catalog.Open(name), request.ColorOrder);
                outcomes.Add(await EvaluateModelAsync(model, truth, located, evaluator, engines, request, cancellation).ConfigureAwait(false));
            }
        }

        var report = new EvaluationReport(outcomes, Heading(request, truth), CommandLine());
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            report.WriteJson(stdout);
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            foreach (var outcome in outcomes)
            {
                WriteText(outcome, truth, request);
            }
        }

        if (reportDirectory is not null)
        {
            foreach (var path in report.WriteFiles(reportDirectory))
            {
                Console.Error.WriteLine($"edgewatch: wrote {path}");
            }
        }

        return 0;
    }

    // The manifest as given, or a copy fed the other channel order (named so, in every table).
    private static ModelDefinition WithColorOrder(ModelDefinition model, ColorOrder? order)
    {
        if (order is not { } forced || forced == model.Manifest.Input.ColorOrder)
        {
            return model;
        }

        var manifest = model.Manifest with
        {
            Name = $"{model.Name}-{forced.ToString().ToLowerInvariant()}",
            Input = model.Manifest.Input with { ColorOrder = forced },
        };
        return ModelDefinition.Open(manifest);
    }

    private static ColorOrder? Invalid(System.CommandLine.Parsing.ArgumentResult result, string problem)
    {
        result.AddError(problem);
        return null;
    }

    private static void Check(EvalRequest request)
    {
        if (request.Detections is not null && request.Models.Length > 0)
        {
            throw new UsageException("--detections scores a results file; it does not go with --model");
        }

        if (request.Detections is null && request.Models.Length == 0)
        {
            throw new UsageException("give --model (to run a model on --images) or --detections (a COCO results file to score)");
        }

        if (request.Detections is null && request.Images is null)
        {
            throw new UsageException("--images is needed to run a model");
        }

        if (request.Detections is not null && request.Results is not null)
        {
            throw new UsageException("--results writes a model's detections; with --detections they are already in a file");
        }

        if (request.MaxDetections <= 10)
        {
            throw new UsageException("--max-dets must be above 10 (COCO's recall figures are at 1, 10 and --max-dets detections)");
        }

        if (request.Threshold is < 0 or > 1)
        {
            throw new UsageException("--threshold must be in [0, 1]");
        }

        if (request.Nms is <= 0 or > 1)
        {
            throw new UsageException("--nms must be in (0, 1]");
        }
    }

    private static CocoGroundTruth LoadGroundTruth(EvalRequest request)
    {
        if (File.Exists(request.Annotations))
        {
            return CocoInstancesFile.Load(request.Annotations);
        }

        if (!Directory.Exists(request.Annotations))
        {
            throw new EvaluationDataException(request.Annotations, null, "no such file or folder (give a COCO instances JSON file or a YOLO labels folder)");
        }

        var classes = request.ClassNames ?? Path.Combine(request.Annotations, "classes.txt");
        if (!File.Exists(classes))
        {
            throw new EvaluationDataException(request.Annotations, null,
                request.ClassNames is null ? "a YOLO labels folder needs its class list: give --class-names FILE (or put classes.txt in the folder)" : $"class list {classes} not found");
        }

        if (request.Images is null)
        {
            throw new UsageException("a YOLO labels folder needs --images (the image sizes turn its normalised boxes into pixels)");
        }

        return YoloLabelFolder.Load(request.Annotations, request.Images, classes);
    }

    private static async Task<EvaluationOutcome> EvaluateModelAsync(
        ModelDefinition model, CocoGroundTruth truth, GroundTruthImages images, CocoEvaluator evaluator, EngineProvider engines, EvalRequest request,
        CancellationToken cancellation)
    {
        var categories = ModelCategoryMap.Create(model, truth, request.IgnoreUnknownLabels ? UnknownLabelPolicy.Ignore : UnknownLabelPolicy.Throw);
        if (categories.UnknownLabels.Count > 0)
        {
            Console.Error.WriteLine($"edgewatch: note: {model.Name}: detections of {categories.UnknownLabels.Count} label(s) that name no category are dropped: {string.Join(", ", categories.UnknownLabels.Take(10))}");
        }

        if (categories.CategoriesWithoutLabel.Count > 0)
        {
            Console.Error.WriteLine($"edgewatch: note: {model.Name} has no label for {categories.CategoriesWithoutLabel.Count} categor(ies) of the annotations, which score 0: {string.Join(", ", categories.CategoriesWithoutLabel.Take(10).Select(c => c.Name))}");
        }

        var choice = DeviceChoice.TryParse(request.Device, out var problem) ?? throw new UsageException($"--device {problem}");
        var engine = choice.Kind switch
        {
            DeviceKind.Cpu => engines.Cpu(model, 1, request.Threads)[0],
            DeviceKind.Myriad => engines.OpenVino(model, choice.OpenVinoDevice!),
            _ => throw new UsageException($"--device {choice.Text}: eval runs on cpu, MYRIAD or MYRIAD.<id>"),
        };
        var nms = request.Nms ?? model.Manifest.Thresholds.Nms;
        var filter = new DetectionFilter(request.Threshold, null, nms, request.MaxDetections);
        using var pass = new DetectionPass(engine, filter);
        var detector = new DatasetDetector(pass, categories);
        var progress = new ProgressLine();
        var label = $"{model.Name} ({model.Precision}, {engine.Device})";
        var found = await detector.DetectAsync(images, model.Name, (done, total) => progress.Show(label, done, total), cancellation).ConfigureAwait(false);
        progress.Clear();
        string? resultsPath = null;
        if (request.Results is { } results)
        {
            resultsPath = request.Models.Length == 1 ? results : Path.ChangeExtension(results, null) + "." + model.Name + ".json";
            CocoResultsFile.Save(found, resultsPath);
        }

        var evaluation = evaluator.Evaluate(truth, found);
        return new EvaluationOutcome(model.Name, model.Precision, engine.Device, request.Threshold, nms, evaluation, detector.Busy.TotalSeconds, resultsPath);
    }

    private static void WriteText(EvaluationOutcome outcome, CocoGroundTruth truth, EvalRequest request)
    {
        var o = CultureInfo.InvariantCulture;
        var e = outcome.Evaluation;
        if (outcome.Precision is null)
        {
            Console.WriteLine(string.Create(o, $"eval: {outcome.Name}: {e.DetectionCount} detections of {e.ImageCount} images, against {truth.Source} ({e.GroundTruthCount} objects)"));
        }
        else
        {
            var nms = outcome.Nms is { } n ? n.ToString("0.###", o) : "none (the model's own)";
            Console.WriteLine(string.Create(o,
                $"eval: {outcome.Name} ({outcome.Precision}, {outcome.Device}) on {e.ImageCount} images of {request.Images}, against {truth.Source} ({e.GroundTruthCount} objects)"));
            Console.WriteLine(string.Create(o,
                $"  score >= {outcome.Threshold:0.####}, class-aware NMS IoU {nms}, at most {request.MaxDetections} detections per image: {e.DetectionCount} detections, {1000 * outcome.Seconds / Math.Max(1, e.ImageCount):F1} ms per image"));
        }

        Console.Write(CocoSummaryText.Format(e));
        Console.WriteLine("per class (AP @[.50:.95], AP @.50, ground-truth objects):");
        Console.Write(CocoSummaryText.FormatPerClass(e));
        if (outcome.ResultsPath is { } path)
        {
            Console.WriteLine($"detections written to {path} (COCO results format)");
        }

        Console.WriteLine();
    }

    private static string Heading(EvalRequest request, CocoGroundTruth truth)
    {
        var o = CultureInfo.InvariantCulture;
        var what = request.Detections is { } file ? $"results file {file}" : $"images {request.Images}";
        var settings = request.Detections is null ? string.Create(o, $", score >= {request.Threshold:0.####}, at most {request.MaxDetections} detections per image") : "";
        return string.Create(o, $"eval: {what} against {truth.Source} ({truth.Images.Count} images, {truth.Annotations.Count(a => !a.IsCrowd)} objects){settings}; pycocotools' bbox protocol; {DateTime.Now:yyyy-MM-dd HH:mm}");
    }

    private static string CommandLine() => "edgewatch " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Any(char.IsWhiteSpace) ? $"'{a}'" : a));

    private sealed record EvalRequest(
        string[] Models, string? Images, string Annotations, string? ClassNames, float Threshold, float? Nms, int MaxDetections, string? Detections,
        string? Results, string Device, int Threads, ColorOrder? ColorOrder, bool IgnoreUnknownLabels);
}
