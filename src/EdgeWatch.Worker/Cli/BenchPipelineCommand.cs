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
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per phase and round", DefaultValueFactory = _ => 8 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured seconds before each phase", DefaultValueFactory = _ => 2 };
        var rounds = new Option<int>("--rounds") { Description = "Alternating rounds (pipeline, raw, pipeline, ...): a shared machine drifts", DefaultValueFactory = _ => 3 };
        var mqtt = new Option<string?>("--mqtt") { Description = "Broker HOST:PORT (default: a mosquitto started for the run)" };
        var allocations = new Option<bool>("--allocations") { Description = "Also sample which types the pipeline allocates" };
        var noSpin = new Option<bool>("--no-spin") { Description = "Idle inference threads sleep instead of spinning (both phases)" };
        var command = new Command("bench-pipeline", "Benchmark the whole pipeline against the bare inference loop on the same frames")
        {
            model, source, workers, threads, seconds, warmup, rounds, mqtt, allocations, noSpin,
        };
        command.SetAction((r, ct) => CliErrors.GuardAsync(() => RunAsync(
            r.GetRequiredValue(model), r.GetRequiredValue(source), r.GetValue(workers), r.GetValue(threads), r.GetValue(seconds), r.GetValue(warmup),
            Math.Max(1, r.GetValue(rounds)), r.GetValue(mqtt), r.GetValue(allocations), !r.GetValue(noSpin), ct)));
        return command;
    }

    private static async Task<int> RunAsync(
        string modelName, string video, int workers, int threads, int seconds, int warmup, int rounds, string? mqtt, bool allocations,
        bool spinning, CancellationToken cancellation)
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

        // Alternate the two phases so that a machine whose speed drifts (shared, throttled) affects both alike.
        using var sampler = allocations ? new AllocationSampler() : null;
        var pipelineRounds = new List<PipelineFigures>();
        var rawRounds = new List<double>();
        var rawCpu = new List<double>();
        var peakRss = 0.0;
        for (var round = 1; round <= rounds; round++)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"round {round}/{rounds}");
            pipelineRounds.Add(await MeasurePipelineAsync(model, video, workers, threads, seconds, warmup, host, port, spinning, label, progress, cancellation).ConfigureAwait(false));
            if (round == 1)
            {
                // The raw phase loads engines of its own: the daemon's peak is the one before it.
                peakRss = ProcessMemory.PeakResidentMegabytes;
            }
            var rawFigures = await MeasureRawAsync(model, video, workers, threads, seconds, warmup, spinning, label, progress, cancellation).ConfigureAwait(false);
            rawRounds.Add(rawFigures);
            rawCpu.Add(RawCpuPerFrame);
        }

        var sampled = sampler?.Top(12).ToList();
        sampler?.Dispose();
        progress.Clear();
        var ratios = pipelineRounds.Zip(rawRounds, (p, r) => p.FramesPerSecond / r).Order().ToList();
        var ratio = ratios[ratios.Count / 2];
        var pipeline = new PipelineFigures(
            pipelineRounds.Average(p => p.FramesPerSecond), pipelineRounds.Sum(p => p.Published), pipelineRounds.Sum(p => p.Dropped),
            pipelineRounds.Select(p => p.LatencyP50).Order().ElementAt(rounds / 2), pipelineRounds.Max(p => p.LatencyP95),
            pipelineRounds.Sum(p => p.BytesPerFrame * p.Published) / Math.Max(1, pipelineRounds.Sum(p => p.Published)),
            pipelineRounds[0].Width, pipelineRounds[0].Height, pipelineRounds.Average(p => p.WorkerUtilisation), pipelineRounds.Average(p => p.InferenceP50),
            pipelineRounds.Average(p => p.CpuPerFrame), pipelineRounds.Average(p => p.FfmpegCpuPerFrame));
        var raw = rawRounds.Average();

        var o = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(o, $"bench-pipeline: {model.Name} on {Path.GetFileName(video)} {pipeline.Width}x{pipeline.Height}, {workers} CPU worker(s) x {threads} thread(s), spinning {(spinning ? "on" : "off")}, ONNX Runtime {OnnxRuntimeEngine.RuntimeVersion}, {rounds} rounds of {seconds} s per phase, each after {warmup} s warm-up"));
        Console.WriteLine(string.Create(o, $"  raw inference loop (decoded frames in memory): {raw:F1} frames/s   (rounds: {string.Join(", ", rawRounds.Select(r => r.ToString("F1", o)))})"));
        Console.WriteLine(string.Create(o, $"  whole pipeline (ffmpeg -> scheduler -> workers -> MQTT {host}:{port}): {pipeline.FramesPerSecond:F1} frames/s   (rounds: {string.Join(", ", pipelineRounds.Select(p => p.FramesPerSecond.ToString("F1", o)))})"));
        Console.WriteLine(string.Create(o, $"  pipeline / raw, median of the rounds: {ratio:F3}   (target >= 0.85; rounds: {string.Join(", ", pipelineRounds.Zip(rawRounds, (p, r) => (p.FramesPerSecond / r).ToString("F3", o)))})"));
        Console.WriteLine(string.Create(o, $"  CPU per frame: raw loop {rawCpu.Average():F2} ms; pipeline {pipeline.CpuPerFrame:F2} ms in EdgeWatch + {pipeline.FfmpegCpuPerFrame:F2} ms in ffmpeg"));
        Console.WriteLine(string.Create(o, $"  frames published {pipeline.Published}, dropped {pipeline.Dropped}; workers busy {pipeline.WorkerUtilisation:P0} of the time, inference p50 {pipeline.InferenceP50:F2} ms (raw loop: {1000.0 * workers / raw:F2} ms per frame per worker)"));
        Console.WriteLine(string.Create(o, $"  added latency (frame handed to the scheduler -> published, minus inference): p50 {pipeline.LatencyP50:F2} ms, p95 {pipeline.LatencyP95:F2} ms (worst round)   (target p95 <= 3 ms)"));
        Console.WriteLine(string.Create(o, $"  managed bytes allocated per frame (whole process): {pipeline.BytesPerFrame:F0}   (target <= 1024)"));
        Console.WriteLine(string.Create(o, $"  peak RSS during the pipeline phase: {peakRss:F0} MB   (target <= 150)"));
        if (sampled is not null)
        {
            Console.WriteLine("  allocation samples (one per ~100 KB), pipeline phase:");
            foreach (var (type, samples) in sampled)
            {
                Console.WriteLine(string.Create(o, $"    {samples,6}  {type}"));
            }
        }
        return 0;
    }

    private static async Task<PipelineFigures> MeasurePipelineAsync(
        ModelDefinition model, string video, int workers, int threads, int seconds, int warmup, string host, int port, bool spinning,
        string round, ProgressLine progress, CancellationToken cancellation)
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
                ["OnnxRuntime"] = new JsonObject { ["AllowSpinning"] = spinning },
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
            await WaitAsync(TimeSpan.FromSeconds(warmup), $"{round} pipeline: warming up", progress, cancellation).ConfigureAwait(false);

            var busy = pipeline.Pool.Workers.Sum(w => w.Status.Busy.TotalSeconds);
            var ffmpegPid = camera.ProcessId;
            var ffmpegCpu = CpuTime.OfProcess(ffmpegPid);
            var ownCpu = CpuTime.OfThisProcess();
            var published = results.Published;
            var dropped = camera.Dropped.Total;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            results.AddedLatency.Clear();
            var start = Stopwatch.GetTimestamp();
            await WaitAsync(TimeSpan.FromSeconds(seconds), $"{round} pipeline: measuring", progress, cancellation).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var utilisation = (pipeline.Pool.Workers.Sum(w => w.Status.Busy.TotalSeconds) - busy) / elapsed / workers;
            var inference = pipeline.Pool.Workers.Select(w => w.Status.Inference.Percentile(50) ?? double.NaN).Average();
            var frames = results.Published - published;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var perFrameOwn = (CpuTime.OfThisProcess() - ownCpu).TotalMilliseconds / Math.Max(1, frames);
            var perFrameFfmpeg = (CpuTime.OfProcess(ffmpegPid) - ffmpegCpu).TotalMilliseconds / Math.Max(1, frames);
            var figures = new PipelineFigures(
                frames / elapsed, frames, camera.Dropped.Total - dropped, results.AddedLatency.Percentile(50) ?? double.NaN,
                results.AddedLatency.Percentile(95) ?? double.NaN, bytes / (double)Math.Max(1, frames), camera.Size.Width, camera.Size.Height,
                utilisation, inference, perFrameOwn, perFrameFfmpeg);
            await daemon.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return figures;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<double> MeasureRawAsync(
        ModelDefinition model, string video, int workers, int threads, int seconds, int warmup, bool spinning, string round,
        ProgressLine progress, CancellationToken cancellation)
    {
        var frames = await ReadFramesAsync(video, 32, cancellation).ConfigureAwait(false);
        try
        {
            var options = new OnnxRuntimeOptions { IntraOpThreads = threads, AllowSpinning = spinning };
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
            await WaitAsync(TimeSpan.FromSeconds(warmup), $"{round} raw loop: warming up", progress, cancellation).ConfigureAwait(false);
            Volatile.Write(ref measuring, true);
            var cpu = CpuTime.OfThisProcess();
            var start = Stopwatch.GetTimestamp();
            await WaitAsync(TimeSpan.FromSeconds(seconds), $"{round} raw loop: measuring", progress, cancellation).ConfigureAwait(false);
            var total = Interlocked.Read(ref count);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            RawCpuPerFrame = (CpuTime.OfThisProcess() - cpu).TotalMilliseconds / Math.Max(1, total);
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

    /// <summary>CPU milliseconds per frame of the last raw phase.</summary>
    private static double RawCpuPerFrame { get; set; }

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
        double FramesPerSecond, long Published, long Dropped, double LatencyP50, double LatencyP95, double BytesPerFrame, int Width, int Height,
        double WorkerUtilisation, double InferenceP50, double CpuPerFrame = 0, double FfmpegCpuPerFrame = 0);
}
