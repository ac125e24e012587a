using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Worker.Benchmarks;

namespace EdgeWatch.Worker.Cli;

/// <summary>
/// <c>edgewatch bench-raw</c>: the inference core alone on one frame repeated — pre-processing, inference and decoding
/// per frame, managed bytes allocated per frame — with ONNX Runtime called from C on the same tensor, side by side.
/// </summary>
internal static class BenchRawCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "Model name or manifest path", DefaultValueFactory = _ => "yolox-nano" };
        var image = new Option<string>("--image") { Description = "The frame to use (any image ffmpeg reads)", Required = true };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var frames = new Option<int>("--frames") { Description = "Measured frames per round", DefaultValueFactory = _ => 200 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured frames first", DefaultValueFactory = _ => 20 };
        var rounds = new Option<int>("--rounds") { Description = "Alternating rounds of EdgeWatch and the C reference", DefaultValueFactory = _ => 2 };
        var noSpin = new Option<bool>("--no-spin") { Description = "Idle inference threads sleep instead of spinning" };
        var between = new Option<bool>("--spin-between-runs") { Description = "Inference threads keep spinning between runs (ONNX Runtime's default; not the daemon's)" };
        var json = new Option<bool>("--json") { Description = "One JSON object instead of the table" };
        var command = new Command("bench-raw", "Benchmark the inference core (pre-processing, inference, decoding) against ONNX Runtime's own speed")
        {
            model, image, threads, frames, warmup, rounds, noSpin, between, json,
        };
        command.SetAction((r, ct) => CliErrors.GuardAsync(() => RunAsync(
            r.GetRequiredValue(model), r.GetRequiredValue(image), r.GetValue(threads), r.GetValue(frames), r.GetValue(warmup), r.GetValue(rounds),
            !r.GetValue(noSpin), r.GetValue(between), r.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> RunAsync(
        string modelName, string imagePath, int threads, int frames, int warmup, int rounds, bool spinning, bool spinBetweenRuns, bool json,
        CancellationToken cancellation)
    {
        var model = Pipeline.Models.ModelCatalog.Default().Open(modelName);
        var image = await ImageFileDecoder.DecodeAsync(imagePath, cancellation).ConfigureAwait(false);
        using var engine = OnnxRuntimeEngine.Load(model, new OnnxRuntimeOptions { IntraOpThreads = threads, AllowSpinning = spinning, SpinBetweenRuns = spinBetweenRuns });
        using var pass = new DetectionPass(engine, model.CreateFilter());
        var results = new DetectionList();
        var effectiveThreads = threads > 0 ? threads : Environment.ProcessorCount;

        var capacity = rounds * frames;
        Samples preprocess = new(capacity), inference = new(capacity), decode = new(capacity), total = new(capacity), native = new(capacity);
        long allocated = 0, measured = 0;
        var unavailable = NativeOrtLoop.Unavailable();
        var progress = new ProgressLine();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < warmup; i++)
            {
                pass.Detect(image.View, results);
            }

            var label = $"round {round + 1}/{rounds}: EdgeWatch";
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < frames; i++)
            {
                pass.Detect(image.View, results);
                var t = pass.LastTimings;
                preprocess.Add(t.Preprocess.TotalMilliseconds);
                inference.Add(t.Inference.TotalMilliseconds);
                decode.Add(t.Decode.TotalMilliseconds);
                total.Add((t.Preprocess + t.Inference + t.Decode).TotalMilliseconds);
                if (i % 10 == 0)
                {
                    progress.Show(label, i, frames);
                }
            }

            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            measured += frames;
            if (unavailable is null)
            {
                progress.Show($"round {round + 1}/{rounds}: ONNX Runtime from C", 0, null);
                pass.Prepare(image.View);
                native.AddRange(await NativeOrtLoop.RunAsync(
                    OnnxRuntimeEngine.LibraryPath!, model.ModelPath, engine.InputName, pass.Request.Input.RawBytes.ToArray(), engine.Input.TensorShape,
                    effectiveThreads, spinning, spinBetweenRuns, warmup, frames, cancellation).ConfigureAwait(false));
            }
        }

        progress.Clear();
        var bytesPerFrame = allocated / (double)measured;
        if (json)
        {
            WriteJson(model.Name, image, effectiveThreads, preprocess, inference, decode, total, native, bytesPerFrame, unavailable);
            return 0;
        }

        var o = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(o, $"bench-raw: {model.Name} ({model.Precision}) on {Path.GetFileName(imagePath)} {image.Width}x{image.Height}, ONNX Runtime {OnnxRuntimeEngine.RuntimeVersion}, {effectiveThreads} thread(s), spinning {(spinning ? (spinBetweenRuns ? "on, also between runs" : "on, within runs") : "off")}, {rounds} x {frames} frames after {warmup} warm-up"));
        Console.WriteLine($"{"step",-28}{"mean ms",10}{"p50 ms",10}{"p95 ms",10}");
        Row("pre-processing", preprocess);
        Row("inference", inference);
        Row("decoding + NMS", decode);
        Row("total", total);
        Console.WriteLine(string.Create(o, $"pre-processing + decoding per frame: {preprocess.P50 + decode.P50:F3} ms (p50)"));
        Console.WriteLine(string.Create(o, $"managed bytes allocated per frame: {bytesPerFrame:F1}"));
        if (unavailable is null)
        {
            Row("ONNX Runtime alone (C)", native);
            Console.WriteLine(string.Create(o, $"EdgeWatch inference / ONNX Runtime alone: {inference.P50 / native.P50:F3} (p50), {inference.Mean / native.Mean:F3} (mean)"));
        }
        else
        {
            Console.WriteLine($"ONNX Runtime alone (C): not measured: {unavailable}");
        }

        return 0;

        static void Row(string name, Samples s) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28}{s.Mean,10:F3}{s.P50,10:F3}{s.P95,10:F3}"));
    }

    private static void WriteJson(
        string model, BgrImage image, int threads, Samples preprocess, Samples inference, Samples decode, Samples total, Samples native,
        double bytesPerFrame, string? unavailable)
    {
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("model", model);
        writer.WriteNumber("width", image.Width);
        writer.WriteNumber("height", image.Height);
        writer.WriteNumber("threads", threads);
        Stats("preprocess_ms", preprocess);
        Stats("inference_ms", inference);
        Stats("decode_ms", decode);
        Stats("total_ms", total);
        writer.WriteNumber("allocated_bytes_per_frame", bytesPerFrame);
        if (unavailable is null)
        {
            Stats("onnxruntime_c_ms", native);
            writer.WriteNumber("inference_ratio_p50", inference.P50 / native.P50);
        }
        else
        {
            writer.WriteString("onnxruntime_c_unavailable", unavailable);
        }

        writer.WriteEndObject();

        void Stats(string name, Samples s)
        {
            writer.WriteStartObject(name);
            writer.WriteNumber("mean", Math.Round(s.Mean, 4));
            writer.WriteNumber("p50", Math.Round(s.P50, 4));
            writer.WriteNumber("p95", Math.Round(s.P95, 4));
            writer.WriteEndObject();
        }
    }
}
