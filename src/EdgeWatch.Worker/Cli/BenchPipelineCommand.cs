using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Worker.Benchmarks;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWatch.Worker.Cli;

/// <summary>
/// <c>edgewatch bench-pipeline</c>: the whole daemon (ffmpeg → scheduler → workers → MQTT to a local broker) on a video as
/// fast as it goes, and in the same run the bare inference loop on frames of that video with the same workers and
/// threads: what the pipeline costs on top of inference.
/// </summary>
internal static class BenchPipelineCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "Model name or manifest path", DefaultValueFactory = _ => "yolox-nano" };
        var source = new Option<string>("--source") { Description = "Video file to read (unpaced)", Required = true };
        var workers = new Option<int>("--workers") { Description = "CPU workers", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Threads per worker (0 = cores / workers)", DefaultValueFactory = _ => 0 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per phase", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured seconds first", DefaultValueFactory = _ => 3 };
        var mqtt = new Option<string?>("--mqtt") { Description = "Broker HOST:PORT (default: a mosquitto started for the run)" };
        var command = new Command("bench-pipeline", "Benchmark the whole pipeline against the bare inference loop on the same frames")
        {
            model, source, workers, threads, seconds, warmup, mqtt,
        };
        command.SetAction((r, ct) => CliErrors.GuardAsync(() => RunAsync(
            r.GetRequiredValue(model), r.GetRequiredValue(source), r.GetValue(workers), r.GetValue(threads), r.GetValue(seconds), r.GetValue(warmup),
            r.GetValue(mqtt), ct)));
        return command;
    }

    private static async Task<int> RunAsync(string modelName, string video, int workers, int threads, int seconds, int warmup, string? mqtt, CancellationToken cancellation)
    {
        var model = ModelCatalog.Default().Open(modelName);
        threads = threads > 0 ? threads : Math.Max(1, Environment.ProcessorCount / workers);
        if (!File.Exists(video))
        {
            throw new FileNotFoundException($"{video}: no such video");
        }

        using var broker = mqtt is null ? await LocalBroker.StartAsync().ConfigureAwait(false) : null;
        var (host, port) = broker is not null ? ("127.0.0.1", broker.Port) : ParseBroker(mqtt!);
        var progress = new ProgressLine();

        // Phase 1: the daemon itself.
        var pipeline = await MeasurePipelineAsync(model, video, workers, threads, seconds, warmup, host, port, progress, cancellation).ConfigureAwait(false);
        var peakRss = ProcessMemory.PeakResidentMegabytes;

        // Phase 2: the bare inference loop on frames of the same video, same workers and threads.
        var raw = await MeasureRawAsync(model, video, workers, threads, seconds, warmup, progress, cancellation).ConfigureAwait(false);
        progress.Clear();

        var o = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(o, $"bench-pipeline: {model.Name} on {Path.GetFileName(video)} {pipeline.Width}x{pipeline.Height}, {workers} CPU worker(s) x {threads} thread(s), ONNX Runtime {OnnxRuntimeEngine.RuntimeVersion}, {seconds} s per phase after {warmup} s warm-up"));
        Console.WriteLine(string.Create(o, $"  raw inference loop (decoded frames in memory): {raw:F1} frames/s"));
        Console.WriteLine(string.Create(o, $"  whole pipeline (ffmpeg -> scheduler -> workers -> MQTT {host}:{port}): {pipeline.FramesPerSecond:F1} frames/s"));
        Console.WriteLine(string.Create(o, $"  pipeline / raw: {pipeline.FramesPerSecond / raw:F3}   (target >= 0.85)"));
        Console.WriteLine(string.Create(o, $"  frames published {pipeline.Published}, dropped {pipeline.Dropped}"));
        Console.WriteLine(string.Create(o, $"  added latency (frame read -> published, minus inference): p50 {pipeline.LatencyP50:F2} ms, p95 {pipeline.LatencyP95:F2} ms   (target p95 <= 3 ms)"));
        Console.WriteLine(string.Create(o, $"  managed bytes allocated per frame (whole process): {pipeline.BytesPerFrame:F0}   (target <= 1024)"));
        Console.WriteLine(string.Create(o, $"  peak RSS during the pipeline phase: {peakRss:F0} MB   (target <= 150)"));
        return 0;
    }

    private static async Task<PipelineFigures> MeasurePipelineAsync(
        ModelDefinition model, string video, int workers, int threads, int seconds, int warmup, string host, int port, ProgressLine progress,
        CancellationToken cancellation)
    {
        var directory = Directory.CreateTempSubdirectory("edgewatch-bench-");
        try
        {
            var configuration = new JsonObject
            {
                ["Node"] = new JsonObject { ["Name"] = "bench" },
                ["Cameras"] = new JsonObject
                {
                    ["video"] = new JsonObject { ["Source"] = Path.GetFullPath(video), ["Model"] = model.Manifest.SourcePath, ["Realtime"] = false, ["Loop"] = true },
                },
                ["Cpu"] = new JsonObject { ["Mode"] = "Always", ["Workers"] = workers, ["ThreadsPerWorker"] = threads },
                ["Mqtt"] = new JsonObject { ["Host"] = host, ["Port"] = port, ["PublishEmptyFrames"] = true },
                ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
            };
            var path = Path.Combine(directory.FullName, "bench.json");
            await File.WriteAllTextAsync(path, configuration.ToJsonString(), cancellation).ConfigureAwait(false);
            var root = DaemonConfiguration.Build(path, []);
            using var daemon = DaemonHost.Build(root, DaemonSettings.Load(root));
            await daemon.StartAsync(cancellation).ConfigureAwait(false);
            var pipeline = daemon.Services.GetRequiredService<DetectionPipeline>();
            var results = daemon.Services.GetRequiredService<PipelineProgress>();
            var camera = pipeline.Cameras[0].Status;
            await WaitAsync(TimeSpan.FromSeconds(warmup), "pipeline: warming up", progress, cancellation).ConfigureAwait(false);

            var published = results.Published;
            var dropped = camera.Dropped.Total;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            results.AddedLatency.Clear();
            var start = Stopwatch.GetTimestamp();
            await WaitAsync(TimeSpan.FromSeconds(seconds), "pipeline: measuring", progress, cancellation).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var frames = results.Published - published;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var figures = new PipelineFigures(
                frames / elapsed, frames, camera.Dropped.Total - dropped, results.AddedLatency.Percentile(50) ?? double.NaN,
                results.AddedLatency.Percentile(95) ?? double.NaN, bytes / (double)Math.Max(1, frames), camera.Size.Width, camera.Size.Height);
            await daemon.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return figures;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<double> MeasureRawAsync(
        ModelDefinition model, string video, int workers, int threads, int seconds, int warmup, ProgressLine progress, CancellationToken cancellation)
    {
        var frames = await ReadFramesAsync(video, 32, cancellation).ConfigureAwait(false);
        try
        {
            var options = new OnnxRuntimeOptions { IntraOpThreads = threads };
            var engines = Enumerable.Range(0, workers).Select(_ => OnnxRuntimeEngine.Load(model, options)).ToList();
            long count = 0;
            var measuring = false;
            var stop = false;
            var loops = engines.Select((engine, w) => new Thread(() =>
            {
                using var pass = new DetectionPass(engine, model.CreateFilter());
                var results = new DetectionList();
                for (var i = w; !Volatile.Read(ref stop); i++)
                {
                    pass.Detect(frames[i % frames.Count].View, results);
                    if (Volatile.Read(ref measuring))
                    {
                        Interlocked.Increment(ref count);
                    }
                }
            }) { IsBackground = true, Name = $"raw-{w}" }).ToList();
            loops.ForEach(t => t.Start());
            await WaitAsync(TimeSpan.FromSeconds(warmup), "raw loop: warming up", progress, cancellation).ConfigureAwait(false);
            Volatile.Write(ref measuring, true);
            var start = Stopwatch.GetTimestamp();
            await WaitAsync(TimeSpan.FromSeconds(seconds), "raw loop: measuring", progress, cancellation).ConfigureAwait(false);
            var total = Interlocked.Read(ref count);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            Volatile.Write(ref stop, true);
            loops.ForEach(t => t.Join());
            engines.ForEach(e => e.Dispose());
            return total / elapsed;
        }
        finally
        {
            frames.ForEach(f => f.Release());
        }
    }

    private static async Task<List<Frame>> ReadFramesAsync(string video, int count, CancellationToken cancellation)
    {
        var source = CameraSource.TryParse("raw", new CameraOptions { Source = Path.GetFullPath(video), Realtime = false, Loop = false }, out var problem)
            ?? throw new IOException(problem);
        var pool = new FramePool("raw", count);
        var frames = new List<Frame>();
        using var ffmpeg = FfmpegFrameSource.Start(source, pool, NullLogger.Instance);
        while (frames.Count < count)
        {
            var read = ffmpeg.Read(frames.Count + 1, TimeSpan.FromSeconds(30), cancellation);
            if (read.Frame is null)
            {
                break;
            }

            frames.Add(read.Frame);
        }

        return frames.Count > 0 ? frames : throw new IOException($"{video}: no frames");
    }

    private static async Task WaitAsync(TimeSpan duration, string label, ProgressLine progress, CancellationToken cancellation)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            progress.Show(label, (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds, (long)duration.TotalMilliseconds);
            await Task.Delay(200, cancellation).ConfigureAwait(false);
        }
    }

    private static (string Host, int Port) ParseBroker(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text[(colon + 1)..], CultureInfo.InvariantCulture, out var port)
            ? (text[..colon], port)
            : throw new ArgumentException($"--mqtt '{text}' is not HOST:PORT");
    }

    private sealed record PipelineFigures(
        double FramesPerSecond, long Published, long Dropped, double LatencyP50, double LatencyP95, double BytesPerFrame, int Width, int Height);
}
