using System.CommandLine;
using System.Text.Json;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Worker.Publishing;

namespace EdgeWatch.Worker.Cli;

/// <summary>
/// <c>edgewatch detect --model NAME IMAGE...</c>: runs a model on still images and prints one JSON line per image.
/// </summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "Model name (models/NAME.json) or manifest path", Required = true };
        var threshold = new Option<float?>("--threshold", "-t") { Description = "Minimum score (default: the manifest's)" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = one per core)" };
        var json = new Option<bool>("--json") { Description = "JSON Lines output (the default; kept for scripts that say it)" };
        var images = new Argument<string[]>("IMAGE") { Description = "Image files (anything ffmpeg decodes)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("detect", "Detect objects in images; one JSON line per image on stdout") { model, threshold, threads, json, images };
        command.SetAction((result, cancellation) => CliErrors.GuardAsync(() => RunAsync(
            result.GetRequiredValue(model), result.GetValue(threshold), result.GetValue(threads), result.GetRequiredValue(images), cancellation)));
        return command;
    }

    private static async Task<int> RunAsync(string modelName, float? threshold, int threads, string[] images, CancellationToken cancellation)
    {
        ModelDefinition model;
        OnnxRuntimeEngine engine;
        try
        {
            model = ModelCatalog.Default().Open(modelName);
            engine = OnnxRuntimeEngine.Load(model, new OnnxRuntimeOptions { IntraOpThreads = threads });
        }
        catch (Exception e) when (CliErrors.IsUserFacing(e))
        {
            CliErrors.Report(e);
            return CliErrors.Failed;
        }

        using (engine)
        {
            using var pass = new DetectionPass(engine, model.CreateFilter(threshold));
            var detections = new DetectionList();
            var failures = 0;
            using var stdout = Console.OpenStandardOutput();
            foreach (var path in images)
            {
                try
                {
                    var image = await ImageFileDecoder.DecodeAsync(path, cancellation).ConfigureAwait(false);
                    pass.Detect(image.View, detections);
                    WriteLine(stdout, path, image, model, pass.LastTimings, detections);
                }
                catch (Exception e) when (CliErrors.IsUserFacing(e))
                {
                    CliErrors.Report(e);
                    failures++;
                }
            }

            return failures == 0 ? 0 : CliErrors.Failed;
        }
    }

    private static void WriteLine(Stream stdout, string path, BgrImage image, ModelDefinition model, PassTimings timings, DetectionList detections)
    {
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            writer.WriteString("image", path);
            writer.WriteNumber("width", image.Width);
            writer.WriteNumber("height", image.Height);
            writer.WriteString("model", model.Name);
            writer.WriteNumber("inference_ms", Math.Round(timings.Inference.TotalMilliseconds, 2));
            DetectionJson.WriteDetections(writer, detections, model.Labels);
            writer.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }
}
