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
/// <remarks>
/// The build machines are shared: their speed drifts by a third within seconds. So both run in one process, side by side,
/// and take turns in short windows (pipeline, bare, bare, pipeline, ...): the daemon keeps running and is paused by
/// stopping its ffmpeg (SIGSTOP), which leaves it idle with no frame to work on, while the bare loop holds between its
/// turns. Every figure of one phase comes from that phase's windows only.
/// </remarks>
internal static class BenchPipelineCommand
{
    /// <summary>Time to let a phase get going before its window opens (the first frame through ffmpeg, threads waking).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(30);

    /// <summary>Time for frames in flight to finish after a phase is paused, so that they do not run into the next window.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromMilliseconds(60);

    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "Model name or manifest path", DefaultValueFactory = _ => "yolox-nano" };
        var source = new Option<string>("--source") { Description = "Video file to read (unpaced)", Required = true };
        var workers = new Option<int>("--workers") { Description = "CPU workers (default: the daemon's Cpu:Workers)", DefaultValueFactory = _ => new CpuOptions().Workers };
        var threads = new Option<int>("--threads") { Description = "Threads per worker (default: the daemon's, one per core)", DefaultValueFactory = _ => 0 };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds per phase", DefaultValueFactory = _ => 16 };
        var window = new Option<double>("--window") { Description = "Seconds per turn; the phases alternate", DefaultValueFactory = _ => 1 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured seconds of each phase before the first turn", DefaultValueFactory = _ => 5 };
        var mqtt = new Option<string?>("--mqtt") { Description = "Broker HOST:PORT (default: a mosquitto started for the run)" };
        var allocations = new Option<bool>("--allocations") { Description = "Also sample which types the pipeline allocates" };
        var spin = new Option<bool>("--spinning")
        {
            Description = "Whether idle inference threads spin before sleeping, in both phases (default: the daemon's OnnxRuntime:AllowSpinning)",
            DefaultValueFactory = _ => new OnnxRuntimeOptions().AllowSpinning,
        };
        var between = new Option<bool>("--spin-between-runs")
        {
            Description = "Inference threads keep spinning between runs, as ONNX Runtime does by default (both phases; default: the daemon's OnnxRuntime:SpinBetweenRuns)",
            DefaultValueFactory = _ => new OnnxRuntimeOptions().SpinBetweenRuns,
        };
        var command = new Command("bench-pipeline", "Benchmark the whole pipeline against the bare inference loop on the same frames")
        {
            model, source, workers, threads, seconds, window, warmup, mqtt, allocations, spin, between,
        };
        command.SetAction((r, ct) => CliErrors.GuardAsync(() => RunAsync(
            new BenchSetup(
                r.GetRequiredValue(model), r.GetRequiredValue(source), Math.Max(1, r.GetValue(workers)), r.GetValue(threads),
                Math.Max(0.1, r.GetValue(seconds)), Math.Max(0.1, r.GetValue(window)), Math.Max(0, r.GetValue(warmup)), r.GetValue(spin), r.GetValue(between)),
            r.GetValue(mqtt), r.GetValue(allocations), ct)));
        return command;
    }

    private static async Task<int> RunAsync(BenchSetup setup, string? mqtt, bool allocations, CancellationToken cancellation)
    {
        var model = ModelCatalog.Default().Open(setup.Model);
        var threads = setup.Threads > 0 ? setup.Threads : new CpuOptions { Workers = setup.Workers }.EffectiveThreadsPerWorker;
        if (!File.Exists(setup.Video))
        {
            throw new FileNotFoundException($"{setup.Video}: no such video");
        }

        using var broker = mqtt is null ? await LocalBroker.StartAsync().ConfigureAwait(false) : null;
        var (host, port) = broker is not null ? ("127.0.0.1", broker.Port) : ParseBroker(mqtt!);
        var progress = new ProgressLine();
        var frames = new List<Frame>();
        var directory = Directory.CreateTempSubdirectory("edgewatch-bench-");
        try
        {
            var path = Path.Combine(directory.FullName, "bench.json");
            await File.WriteAllTextAsync(path, Configuration(model, setup, threads, host, port).ToJsonString(), cancellation).ConfigureAwait(false);
            var root = DaemonConfiguration.Build(path, []);
            var settings = DaemonSettings.Load(root);
            using var daemon = DaemonHost.Build(root, settings);
            using var sampler = allocations ? new AllocationSampler() : null;
            await daemon.StartAsync(cancellation).ConfigureAwait(false);
            var pipeline = daemon.Services.GetRequiredService<DetectionPipeline>();
            var results = daemon.Services.GetRequiredService<PipelineProgress>();
            var camera = pipeline.Cameras[0].Status;
            await WaitAsync(TimeSpan.FromSeconds(setup.Warmup), "pipeline: warming up", progress, cancellation).ConfigureAwait(false);

            // The bare loop loads engines of its own: the daemon's peak is the one before it.
            var peakRss = ProcessMemory.PeakResidentMegabytes;
            var restarts = camera.Restarts;
            var turns = new List<Turn>();
            ProcessPause.Stop(camera.ProcessId);
            try
            {
                await Task.Delay(Drain, cancellation).ConfigureAwait(false);
                frames = await ReadFramesAsync(setup.Video, 32, cancellation).ConfigureAwait(false);
                var options = new OnnxRuntimeOptions { IntraOpThreads = threads, AllowSpinning = setup.Spin, SpinBetweenRuns = setup.SpinBetweenRuns };
                using var bare = new PausableInferenceLoop(model, frames, setup.Workers, options);
                bare.Resume();
                await WaitAsync(TimeSpan.FromSeconds(setup.Warmup), "bare loop: warming up", progress, cancellation).ConfigureAwait(false);
                bare.Pause();
                await Task.Delay(Drain, cancellation).ConfigureAwait(false);

                results.AddedLatency.Clear();
                var count = 2 * (int)Math.Ceiling(setup.Seconds / setup.Window);
                var length = TimeSpan.FromSeconds(setup.Window);
                for (var i = 0; i < count; i++)
                {
                    // P B B P P B ...: a machine that speeds up or slows down weighs on both phases alike.
                    var onPipeline = i % 4 is 0 or 3;
                    progress.Show(string.Create(CultureInfo.InvariantCulture, $"turn {i + 1}/{count}: {(onPipeline ? "pipeline" : "bare loop")}"), i, count);
                    turns.Add(onPipeline
                        ? await PipelineTurnAsync(pipeline, results, camera, length, cancellation).ConfigureAwait(false)
                        : await BareTurnAsync(bare, length, cancellation).ConfigureAwait(false));
                }
            }
            finally
            {
                // Never leave the camera's ffmpeg stopped, whatever ended the run; if it is already gone, so much the better.
                try
                {
                    ProcessPause.Continue(camera.ProcessId);
                }
                catch (System.ComponentModel.Win32Exception)
                {
                }
            }

            var sampled = sampler?.Top(12).ToList();
            progress.Clear();
            var nice = settings.Cameras["video"].DecoderNice ?? 0;
            Report(model, setup, threads, nice, host, port, camera, turns, results, pipeline, peakRss, camera.Restarts - restarts, sampled);
            await daemon.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            frames.ForEach(f => f.Release());
            directory.Delete(recursive: true);
        }
    }

    private static JsonObject Configuration(ModelDefinition model, BenchSetup setup, int threads, string host, int port) => new()
    {
        ["Node"] = new JsonObject { ["Name"] = "bench" },
        ["Cameras"] = new JsonObject
        {
            ["video"] = new JsonObject
            {
                ["Source"] = Path.GetFullPath(setup.Video), ["Model"] = model.Manifest.SourcePath, ["Realtime"] = false, ["Loop"] = true,
                // ffmpeg is held stopped while the bare loop takes its turns: not a stall.
                ["StallTimeout"] = "00:05:00",
            },
        },
        ["Cpu"] = new JsonObject { ["Mode"] = "Always", ["Workers"] = setup.Workers, ["ThreadsPerWorker"] = threads },
        ["Mqtt"] = new JsonObject { ["Host"] = host, ["Port"] = port, ["PublishEmptyFrames"] = true },
        ["OnnxRuntime"] = new JsonObject { ["AllowSpinning"] = setup.Spin, ["SpinBetweenRuns"] = setup.SpinBetweenRuns },
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
    };

    private static async Task<Turn> PipelineTurnAsync(
        DetectionPipeline pipeline, PipelineProgress results, CameraStatus camera, TimeSpan length, CancellationToken cancellation)
    {
        var ffmpeg = camera.ProcessId;
        ProcessPause.Continue(ffmpeg);
        await Task.Delay(Settle, cancellation).ConfigureAwait(false);
        var before = PipelineCounters.Read(pipeline, results, camera);
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(length, cancellation).ConfigureAwait(false);
        var after = PipelineCounters.Read(pipeline, results, camera);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        ProcessPause.Stop(camera.ProcessId);
        await Task.Delay(Drain, cancellation).ConfigureAwait(false);
        return new Turn(
            OnPipeline: true, elapsed, after.Published - before.Published, (after.OwnCpu - before.OwnCpu).TotalMilliseconds,
            (after.FfmpegCpu - before.FfmpegCpu).TotalMilliseconds, after.Busy - before.Busy, after.Allocated - before.Allocated,
            after.Dropped - before.Dropped);
    }

    private static async Task<Turn> BareTurnAsync(PausableInferenceLoop bare, TimeSpan length, CancellationToken cancellation)
    {
        bare.Resume();
        await Task.Delay(Settle, cancellation).ConfigureAwait(false);
        var frames = bare.Frames;
        var cpu = CpuTime.OfThisProcess();
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(length, cancellation).ConfigureAwait(false);
        var done = bare.Frames - frames;
        var used = (CpuTime.OfThisProcess() - cpu).TotalMilliseconds;
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        bare.Pause();
        await Task.Delay(Drain, cancellation).ConfigureAwait(false);
        return new Turn(OnPipeline: false, elapsed, done, used, 0, 0, 0, 0);
    }

    private static void Report(
        ModelDefinition model, BenchSetup setup, int threads, int nice, string host, int port, CameraStatus camera, List<Turn> turns,
        PipelineProgress results, DetectionPipeline pipeline, double peakRss, long restarts, List<(string Type, long Samples)>? sampled)
    {
        var piped = turns.Where(t => t.OnPipeline).ToList();
        var bare = turns.Where(t => !t.OnPipeline).ToList();
        var pipelineFps = piped.Sum(t => t.Frames) / piped.Sum(t => t.Seconds);
        var bareFps = bare.Sum(t => t.Frames) / bare.Sum(t => t.Seconds);
        var ratio = pipelineFps / bareFps;

        // Neighbouring turns (one of each phase) saw the same machine: their ratios show how steady the figure is.
        var pairs = turns.Chunk(2).Where(c => c.Length == 2)
            .Select(c => c.Single(t => t.OnPipeline).FramesPerSecond / c.Single(t => !t.OnPipeline).FramesPerSecond).Order().ToList();
        var published = piped.Sum(t => t.Frames);
        var inference = pipeline.Pool.Workers.Select(w => w.Status.Inference.Percentile(50) ?? double.NaN).Average();

        var o = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(o, $"bench-pipeline: {model.Name} on {Path.GetFileName(setup.Video)} {camera.Size.Width}x{camera.Size.Height}, {setup.Workers} CPU worker(s) x {threads} thread(s), spinning {(setup.Spin ? "on" : "off")}{(setup.Spin ? (setup.SpinBetweenRuns ? " (also between runs)" : " (within runs)") : "")}, ONNX Runtime {OnnxRuntimeEngine.RuntimeVersion}, ffmpeg at nice {nice}"));
        Console.WriteLine(string.Create(o, $"  {piped.Sum(t => t.Seconds):F1} s of each phase in {turns.Count} alternating turns of {setup.Window:F1} s, after {setup.Warmup} s of warm-up each"));
        Console.WriteLine(string.Create(o, $"  bare inference loop (decoded frames in memory): {bareFps:F1} frames/s"));
        Console.WriteLine(string.Create(o, $"  whole pipeline (ffmpeg -> scheduler -> workers -> MQTT {host}:{port}): {pipelineFps:F1} frames/s"));
        Console.WriteLine(string.Create(o, $"  pipeline / bare loop: {ratio:F3}   (target >= 0.85; neighbouring turns: median {Quantile(pairs, 0.5):F3}, middle half {Quantile(pairs, 0.25):F3}-{Quantile(pairs, 0.75):F3})"));
        Console.WriteLine(string.Create(o, $"  CPU per frame: bare loop {bare.Sum(t => t.OwnCpuMs) / Math.Max(1, bare.Sum(t => t.Frames)):F2} ms; pipeline {piped.Sum(t => t.OwnCpuMs) / Math.Max(1, published):F2} ms in EdgeWatch + {piped.Sum(t => t.FfmpegCpuMs) / Math.Max(1, published):F2} ms in ffmpeg"));
        Console.WriteLine(string.Create(o, $"  frames published {published}, dropped {piped.Sum(t => t.Dropped)}, ffmpeg restarts {restarts}; workers busy {piped.Sum(t => t.BusySeconds) / piped.Sum(t => t.Seconds) / setup.Workers:P0} of the time, inference p50 {inference:F2} ms (bare loop: {1000.0 * setup.Workers / bareFps:F2} ms per frame per worker)"));
        Console.WriteLine(string.Create(o, $"  added latency (frame taken by a worker -> published, minus inference; frames of a recording are read ahead, so their clock starts there): p50 {results.AddedLatency.Percentile(50):F2} ms, p95 {results.AddedLatency.Percentile(95):F2} ms   (target p95 <= 3 ms)"));
        Console.WriteLine(string.Create(o, $"  managed bytes allocated per frame (whole process): {piped.Sum(t => t.Allocated) / (double)Math.Max(1, published):F0}   (target <= 1024)"));
        Console.WriteLine(string.Create(o, $"  peak RSS of the daemon (before the bare loop loads its engines): {peakRss:F0} MB   (target <= 150)"));
        if (sampled is not null)
        {
            Console.WriteLine("  allocation samples (one per ~100 KB), whole run:");
            foreach (var (type, samples) in sampled)
            {
                Console.WriteLine(string.Create(o, $"    {samples,6}  {type}"));
            }
        }
    }

    private static double Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Round(q * (sorted.Count - 1)), 0, sorted.Count - 1)];

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

    private sealed record BenchSetup(
        string Model, string Video, int Workers, int Threads, double Seconds, double Window, int Warmup, bool Spin, bool SpinBetweenRuns);

    /// <summary>What one turn of one phase did.</summary>
    private sealed record Turn(
        bool OnPipeline, double Seconds, long Frames, double OwnCpuMs, double FfmpegCpuMs, double BusySeconds, long Allocated, long Dropped)
    {
        public double FramesPerSecond => Frames / Seconds;
    }

    /// <summary>The daemon's running totals at one moment.</summary>
    private readonly record struct PipelineCounters(long Published, TimeSpan OwnCpu, TimeSpan FfmpegCpu, double Busy, long Allocated, long Dropped)
    {
        public static PipelineCounters Read(DetectionPipeline pipeline, PipelineProgress results, CameraStatus camera) => new(
            results.Published, CpuTime.OfThisProcess(), CpuTime.OfProcess(camera.ProcessId), pipeline.Pool.Workers.Sum(w => w.Status.Busy.TotalSeconds),
            GC.GetTotalAllocatedBytes(precise: true), camera.Dropped.Total);
    }
}
