using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Interop.OnnxRuntime;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Worker.Benchmarks;

namespace EdgeWatch.Worker.Cli;

/// <summary>
/// <c>edgewatch bench</c>: frames through the daemon's real scheduler and worker pool on the CPU, NCS2 sticks or simulated
/// accelerators, sweeping workers, devices and requests in flight; frames/s, latency and CPU per row, the seed projects'
/// "sticks x requests" table, JSON, and a Markdown + SVG report.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Model name or manifest path (repeatable: e.g. the FP32, FP16 and INT8 variants of one model)",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => ["yolox-nano"],
        };
        var devices = new Option<DeviceChoice[]>("--device", "-d")
        {
            Description = $"Where to run (repeatable): {DeviceChoice.Forms}",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = ParseDevices,
            DefaultValueFactory = _ => [DeviceChoice.Cpu],
        };
        var sticks = ListOption("--sticks", "Device counts for sim:<ms> and all-sticks, e.g. 1-8 or 1,2,3 (default: 1 simulated device; 1..N sticks)", 1, 64);
        var workers = ListOption("--workers", "CPU workers, e.g. 1 or 1,2 (default 1)", 1, 64);
        var requests = ListOption("--requests", "Requests in flight per worker, e.g. 2 or 1,2,3,4 (default: 1 on cpu and sim, the stick's own recommendation)", 1, 64);
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads per CPU worker (0 = cores / workers)", DefaultValueFactory = _ => 0 };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds per row", DefaultValueFactory = _ => 5 };
        var frames = new Option<long?>("--frames") { Description = "Measure this many frames per row instead of --seconds" };
        var warmup = new Option<double>("--warmup") { Description = "Unmeasured seconds before each row", DefaultValueFactory = _ => 2 };
        var source = new Option<string?>("--source") { Description = $"Image or video whose frames are replayed (default: an ffmpeg test pattern, {BenchFrames.DefaultSource})" };
        var sourceFrames = new Option<int>("--source-frames") { Description = "Frames of the source decoded and replayed in turn", DefaultValueFactory = _ => 32 };
        var sourceFps = new Option<double?>("--source-fps") { Description = "Offer frames at this rate, like a camera (default: whenever a worker is idle)" };
        var noSpin = new Option<bool>("--no-spin") { Description = "Idle ONNX Runtime threads sleep instead of spinning" };
        var json = new Option<bool>("--json") { Description = "One JSON object instead of the table" };
        var report = new Option<string?>("--report") { Description = "Also write bench.md (table) and bench.svg (chart) into this directory" };
        var command = new Command("bench", "Benchmark frames/s, latency and CPU through the real scheduler and worker pool on cpu, NCS2 sticks or simulated devices")
        {
            models, devices, sticks, workers, requests, threads, seconds, frames, warmup, source, sourceFrames, sourceFps, noSpin, json, report,
        };
        command.SetAction((r, ct) => CliErrors.GuardAsync(() => RunAsync(
            new BenchPlan(
                r.GetRequiredValue(models), r.GetRequiredValue(devices), r.GetValue(sticks), r.GetValue(workers) ?? [1], r.GetValue(workers) is not null, r.GetValue(requests),
                r.GetValue(threads), TimeSpan.FromSeconds(r.GetValue(seconds)), r.GetValue(frames), TimeSpan.FromSeconds(r.GetValue(warmup)),
                r.GetValue(source) ?? BenchFrames.DefaultSource, r.GetValue(sourceFrames), r.GetValue(sourceFps), !r.GetValue(noSpin)),
            r.GetValue(json), r.GetValue(report), ct)));
        return command;
    }

    /// <summary>A command-line list of counts ("1,2,3,4", "1-8").</summary>
    internal static Option<IReadOnlyList<int>?> ListOption(string name, string description, int minimum, int maximum) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = string.Join(',', result.Tokens.Select(t => t.Value));
            var list = NumberList.TryParse(text, minimum, maximum, out var problem);
            if (list is null)
            {
                result.AddError($"{name}: {problem}");
            }

            return list;
        },
    };

    private static DeviceChoice[] ParseDevices(ArgumentResult result)
    {
        var choices = new List<DeviceChoice>();
        foreach (var token in result.Tokens)
        {
            if (DeviceChoice.TryParse(token.Value, out var problem) is { } choice)
            {
                choices.Add(choice);
            }
            else
            {
                result.AddError($"--device {problem}");
            }
        }

        return [.. choices];
    }

    private static async Task<int> RunAsync(BenchPlan plan, bool json, string? reportDirectory, CancellationToken cancellation)
    {
        if (!(plan.Duration > TimeSpan.Zero) || plan.Frames is <= 0 || plan.SourceFrames < 1 || plan.SourceFps is <= 0)
        {
            throw new UsageException("--seconds, --frames, --source-frames and --source-fps must be positive");
        }

        if (plan.Warmup < TimeSpan.Zero || plan.Threads < 0)
        {
            throw new UsageException("--warmup and --threads must not be negative");
        }

        if (plan.Sticks is not null && !plan.Devices.Any(d => d.Kind is DeviceKind.Simulated or DeviceKind.AllSticks))
        {
            throw new UsageException("--sticks counts devices of sim:<ms> or all-sticks; give one of those with --device");
        }

        if (plan.WorkersGiven && !plan.Devices.Any(d => d.Kind == DeviceKind.Cpu))
        {
            throw new UsageException("--workers counts CPU workers; with sticks and simulated devices each device is one worker (see --sticks)");
        }

        var catalog = ModelCatalog.Default();
        var models = plan.Models.Select(catalog.Open).ToList();
        var progress = new ProgressLine();
        progress.Show("decoding the source frames", 0, null);
        var frames = BenchFrames.Load(plan.Source, plan.SourceFrames, cancellation);
        using var engines = new EngineProvider(plan.Spinning);
        var rows = new List<BenchRow>();
        var setups = new List<(BenchRow Row, Func<ThroughputSetup>? Build)>();
        foreach (var model in models)
        {
            foreach (var device in plan.Devices)
            {
                setups.AddRange(Plan(model, device, plan, engines));
            }
        }

        var measured = 0;
        for (var i = 0; i < setups.Count; i++)
        {
            var (row, build) = setups[i];
            if (build is null)
            {
                rows.Add(row);
                continue;
            }

            var label = string.Create(CultureInfo.InvariantCulture, $"[{i + 1}/{setups.Count}] {row.Model} {row.Device} x{row.Workers}, {(row.Requests > 0 ? row.Requests.ToString(CultureInfo.InvariantCulture) : "auto")} req");
            progress.Show($"{label}: loading", 0, null);
            ThroughputSetup setup;
            try
            {
                setup = build();
            }
            catch (Exception e) when (IsUnavailable(e))
            {
                rows.Add(row with { Skipped = e.Message });
                continue;
            }

            double? work = null;
            if (row.Kind == DeviceKind.Simulated)
            {
                progress.Show($"{label}: measuring the frame work without scheduling", 0, null);
                using var probe = engines.Simulated(setup.Model, TimeSpan.Zero, 1, "calibration");
                work = FrameWorkCalibration.Measure(
                    probe, setup.Filter, frames, row.Workers * row.Requests, ThroughputBenchmark.FrameBuffers(row.Workers, row.Requests), TimeSpan.FromSeconds(0.5));
            }

            var result = await ThroughputBenchmark.RunAsync(
                setup, frames, plan.Warmup, plan.Frames is null ? plan.Duration : TimeSpan.FromMinutes(10), plan.Frames, plan.SourceFps,
                (phase, done, total) => progress.Show($"{label}: {phase}", done, total), cancellation).ConfigureAwait(false);
            rows.Add(row with
            {
                Result = result,
                Requests = result.Requests,
                DeviceNames = [.. setup.Engines.Select(e => e.Device)],
                FrameWorkCpuPerFrame = work,
                SchedulingCpuPerFrame = work is { } w ? result.CpuPerFrame - w : null,
            });
            measured++;
        }

        double? schedulerAlone = null;
        if (rows.Any(r => r.SchedulingCpuPerFrame is not null))
        {
            progress.Show("measuring the scheduler alone", 0, null);
            schedulerAlone = SchedulerProbe.Measure(models[0], TimeSpan.FromSeconds(1));
        }

        progress.Clear();
        var heading = Heading(plan, frames);
        var report = new BenchReport(rows, heading, CommandLine(), schedulerAlone);
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            report.WriteJson(stdout);
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            Console.Write(report.Table());
        }

        if (reportDirectory is not null)
        {
            foreach (var path in report.WriteFiles(reportDirectory))
            {
                Console.Error.WriteLine($"edgewatch: wrote {path}");
            }
        }

        if (measured == 0)
        {
            Console.Error.WriteLine("edgewatch: error: nothing could be measured (every row was skipped; see the reasons above)");
            return CliErrors.Failed;
        }

        return 0;
    }

    // The rows one --device gives for one model, each with how to build its engines (null when skipped already).
    private static IEnumerable<(BenchRow, Func<ThroughputSetup>?)> Plan(ModelDefinition model, DeviceChoice device, BenchPlan plan, EngineProvider engines)
    {
        var filter = model.CreateFilter();
        var timeout = TimeSpan.FromSeconds(30);
        switch (device.Kind)
        {
            case DeviceKind.Cpu:
                foreach (var w in plan.Workers)
                {
                    var threads = plan.Threads > 0 ? plan.Threads : Math.Max(1, Environment.ProcessorCount / w);
                    foreach (var k in plan.Requests ?? [1])
                    {
                        var row = new BenchRow(model.Name, model.Precision, "cpu", device.Kind, w, k, threads, null);
                        yield return (row, () => new ThroughputSetup(model, "cpu", "cpu", engines.Cpu(model, w, threads), k, threads, filter, null, timeout));
                    }
                }

                break;

            case DeviceKind.Simulated:
                var latency = device.Latency;
                foreach (var n in plan.Sticks ?? [1])
                {
                    foreach (var k in plan.Requests ?? [1])
                    {
                        var ideal = n * k * 1000.0 / latency.TotalMilliseconds;
                        ideal = plan.SourceFps is { } fps ? Math.Min(ideal, fps) : ideal;
                        var row = new BenchRow(model.Name, model.Precision, device.Text, device.Kind, n, k, 0, ideal);
                        yield return (row, () => new ThroughputSetup(
                            model, device.Text, "sim", [.. Enumerable.Range(1, n).Select(i => (IInferenceEngine)engines.Simulated(model, latency, k, $"{device.Text}#{i}"))],
                            k, 0, filter, ideal, latency * 10 > timeout ? latency * 10 : timeout));
                    }
                }

                break;

            case DeviceKind.Myriad:
                foreach (var k in plan.Requests ?? [0])
                {
                    var row = new BenchRow(model.Name, model.Precision, device.Text, device.Kind, 1, k, 0, null);
                    yield return (row, () => new ThroughputSetup(model, device.Text, "ncs2", [engines.OpenVino(model, device.OpenVinoDevice!)], k, 0, filter, null, timeout));
                }

                break;

            case DeviceKind.AllSticks:
                var sticks = engines.Sticks(out var reason);
                var counts = plan.Sticks ?? (sticks is null ? [1] : Enumerable.Range(1, sticks.Count).ToList());
                foreach (var n in counts)
                {
                    foreach (var k in plan.Requests ?? [0])
                    {
                        var row = new BenchRow(model.Name, model.Precision, device.Text, device.Kind, n, k, 0, null);
                        if (sticks is null)
                        {
                            yield return (row with { Skipped = $"no NCS2 to use: {reason}" }, null);
                        }
                        else if (n > sticks.Count)
                        {
                            yield return (row with { Skipped = string.Create(CultureInfo.InvariantCulture, $"{n} sticks asked for, OpenVINO lists {sticks.Count} ({string.Join(", ", sticks)})") }, null);
                        }
                        else
                        {
                            yield return (row, () => new ThroughputSetup(
                                model, device.Text, "ncs2", [.. sticks.Take(n).Select(s => engines.OpenVino(model, s))], k, 0, filter, null, timeout));
                        }
                    }
                }

                break;
        }
    }

    private static bool IsUnavailable(Exception e) => e is ModelLoadException or DeviceUnavailableException or IOException or DllNotFoundException
        or OnnxRuntimeException or NotSupportedException or ManifestException;

    private static string Heading(BenchPlan plan, BenchFrames frames)
    {
        var o = CultureInfo.InvariantCulture;
        var measure = plan.Frames is { } n ? string.Create(o, $"{n} frames per row") : string.Create(o, $"{plan.Duration.TotalSeconds:0.##} s per row");
        var pace = plan.SourceFps is { } fps ? string.Create(o, $"offered at {fps:0.##} frames/s") : "offered whenever a worker is idle";
        string runtime;
        try
        {
            runtime = $"ONNX Runtime {OnnxRuntimeEngine.RuntimeVersion}";
        }
        catch (Exception e) when (e is DllNotFoundException or OnnxRuntimeException)
        {
            runtime = "ONNX Runtime unavailable";
        }

        return string.Create(o,
            $"bench: {frames.Description}, {pace}; {measure} after {plan.Warmup.TotalSeconds:0.##} s warm-up; {runtime}; {Environment.ProcessorCount} cores; {DateTime.Now:yyyy-MM-dd HH:mm}");
    }

    private static string CommandLine() => "edgewatch " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Any(char.IsWhiteSpace) ? $"'{a}'" : a));

    private sealed record BenchPlan(
        string[] Models, DeviceChoice[] Devices, IReadOnlyList<int>? Sticks, IReadOnlyList<int> Workers, bool WorkersGiven, IReadOnlyList<int>? Requests, int Threads,
        TimeSpan Duration, long? Frames, TimeSpan Warmup, string Source, int SourceFrames, double? SourceFps, bool Spinning);
}
