using System.Text.Json.Nodes;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Worker.Hosting;
using EdgeWatch.Worker.Systemd;
using EdgeWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeWatch.Worker.Tests.Systemd;

/// <summary>
/// The daemon's real host with real ffmpeg, ONNX Runtime and mosquitto, telling a test-owned $NOTIFY_SOCKET what systemd
/// would hear: READY only once the pipeline can serve, a status a person can read, watchdog pings at half the timeout
/// while detection progresses, and none once inference hangs — even though the pool retires and rebuilds the worker.
/// </summary>
public sealed class SystemdNotificationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ready_is_sent_only_once_the_first_cpu_worker_is_built()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var socket = NotifySocket.Create(abstractName: false);
        using var engines = new ControllableEngineFactory(RealCpuEngines());
        engines.CreationAllowed.Reset(); // the model "loads" until the test says so
        await using var daemon = await InProcessDaemon.StartAsync(SampleVideo(broker.Port, "ready"), Overrides(socket, engines, watchdog: null));

        await Eventually.TrueAsync(() => socket.Statuses.Count > 0, "a status while loading");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(socket.Count("READY=1") == 0, $"READY=1 before the worker was built:\n{socket.Transcript}");
        Assert.Equal(0, daemon.Pipeline.Pool.Count);
        Assert.Equal("Loading models and starting workers", socket.Statuses[0]);

        engines.CreationAllowed.Set();
        await Eventually.TrueAsync(() => socket.Count("READY=1") == 1, "READY=1 after the worker was built", Patience);

        Assert.Equal(1, daemon.Pipeline.Pool.Count);
        var ready = socket.Lines.ToList().FindIndex(l => l.Line == "READY=1");
        Assert.StartsWith("CPU worker ×1; camera room ", socket.Lines[ready + 1].Line[7..], StringComparison.Ordinal); // sent with READY
    }

    [Fact]
    public async Task While_frames_flow_the_watchdog_is_pinged_at_half_its_timeout_with_a_readable_status()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var socket = NotifySocket.Create(abstractName: true);
        using var engines = new ControllableEngineFactory(RealCpuEngines());
        await using var daemon = await InProcessDaemon.StartAsync(SampleVideo(broker.Port, "flow"), Overrides(socket, engines, TimeSpan.FromSeconds(2)));

        await Eventually.TrueAsync(() => socket.Count("WATCHDOG=1") >= 6, "six watchdog pings", Patience);

        var pings = socket.Times("WATCHDOG=1");
        var gaps = pings.Zip(pings.Skip(1), (a, b) => (b - a).TotalSeconds).Order().ToList();
        // Half of the 2 s timeout: never much closer (a delay follows each ping), typically 1 s (the timeout is 2 s).
        Assert.True(gaps[0] >= 0.75, $"pings {gaps[0]:0.00} s apart:\n{socket.Transcript}");
        Assert.True(gaps[gaps.Count / 2] <= 1.5, $"pings typically {gaps[gaps.Count / 2]:0.00} s apart:\n{socket.Transcript}");
        Assert.True(socket.Times("READY=1").Single() < pings[0]);
        Assert.True(daemon.Progress.Published > 0);
        Assert.Matches(@"^CPU worker ×1; camera room \d+\.\d fps, \d+\.\d detected/s; MQTT connected$", socket.Statuses[^1]);
    }

    [Fact]
    public async Task Once_inference_hangs_the_watchdog_pings_stop_though_the_worker_is_retired_and_rebuilt()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var socket = NotifySocket.Create(abstractName: false);
        using var engines = new ControllableEngineFactory(RealCpuEngines());
        var config = SampleVideo(broker.Port, "hang");
        config["Inference"] = new JsonObject { ["InferenceTimeout"] = "00:00:01" };
        config["Cameras"]!["room"]!["StallTimeout"] = "00:00:02";
        await using var daemon = await InProcessDaemon.StartAsync(config, Overrides(socket, engines, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(4), PipelineLiveness.WindowFor(daemon.Pipeline.Settings)); // 2 s stall + 2 × 1 s deadline
        await Eventually.TrueAsync(() => socket.Count("WATCHDOG=1") >= 3 && daemon.Progress.Published > 0, "pings while frames flow", Patience);
        var built = engines.Created;

        engines.Hang = true;

        // The pool's deadline retires the hung worker, the CPU supply builds another, and that one hangs too.
        await Eventually.TrueAsync(() => engines.Created > built && engines.Hung >= 2, "the hung worker retired, rebuilt, and hung again", Patience);
        await Eventually.TrueAsync(() => socket.Statuses[^1].StartsWith("stalled: no result for ", StringComparison.Ordinal), "a stalled status", Patience);
        var pings = socket.Count("WATCHDOG=1");
        var statuses = socket.Statuses.Count;
        var published = daemon.Progress.Published;

        await Task.Delay(TimeSpan.FromSeconds(5)); // five ping periods

        Assert.True(socket.Count("WATCHDOG=1") == pings, $"the watchdog was pinged while inference hung:\n{socket.Transcript}");
        Assert.True(socket.Statuses.Count >= statuses + 3, $"the notifier itself stopped:\n{socket.Transcript}"); // alive, withholding
        Assert.All(socket.Statuses.Skip(statuses), s => Assert.StartsWith("stalled: ", s, StringComparison.Ordinal));
        Assert.Equal(published, daemon.Progress.Published);
    }

    [Fact]
    public async Task With_no_camera_configured_the_daemon_is_idle_by_design_and_keeps_pinging()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var socket = NotifySocket.Create(abstractName: true);
        using var engines = new ControllableEngineFactory(RealCpuEngines());
        var config = SampleVideo(broker.Port, "idle");
        config["Cameras"] = new JsonObject();
        await using var daemon = await InProcessDaemon.StartAsync(config, Overrides(socket, engines, TimeSpan.FromSeconds(1)));

        await Eventually.TrueAsync(() => socket.Count("WATCHDOG=1") >= 4, "pings with nothing to do", Patience);

        Assert.Equal(1, socket.Count("READY=1"));
        Assert.Equal(0, engines.Created); // no model to load, no worker to build
        Assert.Contains("no workers; no cameras configured; MQTT connected", socket.Statuses);
    }

    private static CpuEngineFactory RealCpuEngines() => new(new OnnxRuntimeOptions(), threadsPerWorker: 2);

    private static JsonObject SampleVideo(int port, string node) => DaemonConfigFile.SampleVideo(port, node, realtime: true, loop: true);

    private static Action<IServiceCollection> Overrides(NotifySocket socket, IEngineFactory engines, TimeSpan? watchdog) => services =>
    {
        services.AddSingleton(engines);
        services.AddSingleton(new SystemdNotifier(socket.Name, watchdog));
    };
}
