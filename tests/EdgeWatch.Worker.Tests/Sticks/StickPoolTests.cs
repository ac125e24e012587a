using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWatch.Devices.Tests.Fixtures;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Sticks;
using EdgeWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeWatch.Worker.Tests.Sticks;

/// <summary>
/// The pool scaling with the sticks on a (fixture) USB bus, with the real daemon host, the real stick monitor, ffmpeg
/// reading the sample video live, and the sticks' inference stood in for by ONNX Runtime at the stick engine factory.
/// </summary>
public sealed class StickPoolTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FakeSysfs _sysfs = new();
    private readonly OnnxStandInSticks _sticks;
    private readonly FrameLog _frames = new();
    private MosquittoBroker? _broker;
    private InProcessDaemon? _daemon;

    public StickPoolTests()
    {
        _sticks = new OnnxStandInSticks(_sysfs.DevicesDirectory);
    }

    private StickSupervisor Supervisor => _daemon!.Services.GetRequiredService<StickSupervisor>();

    private WorkerPool Pool => _daemon!.Pipeline.Pool;

    private IReadOnlyList<string> Kinds => [.. Pool.Workers.Select(w => w.Kind).Order()];

    [Fact]
    public async Task The_pool_follows_the_sticks_plugged_and_pulled_while_detections_continue()
    {
        await StartAsync();

        // No stick: the CPU stands in, and says so.
        await Eventually.TrueAsync(() => Kinds.SequenceEqual(["cpu"]) && _frames.Count > 3, "CPU fallback serving", Patience);
        Assert.Equal(PoolState.Degraded, Supervisor.PoolState);

        // Two sticks: two stick workers, no CPU worker, detections from the sticks.
        _sysfs.PlugNcs2("1-1.2");
        _sysfs.PlugNcs2("1-1.3");
        await Eventually.TrueAsync(() => Kinds.SequenceEqual(["ncs2", "ncs2"]), () => $"two stick workers and no CPU ({Explain()})", Patience);
        Assert.Equal(PoolState.Ok, Supervisor.PoolState);
        await Eventually.TrueAsync(() => _frames.Devices().Contains("MYRIAD.1.2-ma2480") && _frames.Devices().Contains("MYRIAD.1.3-ma2480"),
            () => $"detections from both sticks ({Explain()})", Patience);

        // Pull one mid-stream: within a second its worker is gone, the other carries on, the stream never stops.
        var published = _frames.Count;
        var requeuedBefore = _daemon!.Pipeline.Scheduler.Requeued + _daemon.Pipeline.Scheduler.Stale;
        var pulledAt = DateTime.UtcNow;
        _sysfs.Unplug("1-1.2");
        await Eventually.TrueAsync(() => Pool.Workers.Count(w => w.Kind == "ncs2") == 1, () => $"one stick worker left ({Explain()})", Patience);
        Assert.True(DateTime.UtcNow - pulledAt < TimeSpan.FromSeconds(1.5), $"took {(DateTime.UtcNow - pulledAt).TotalMilliseconds:F0} ms");
        Assert.Equal("MYRIAD.1.3-ma2480", Pool.Workers.Single().Device);
        await Eventually.TrueAsync(() => _frames.Count > published + 10, () => $"detections after the pull ({Explain()})", Patience);
        Assert.True(_daemon.Pipeline.Scheduler.Requeued + _daemon.Pipeline.Scheduler.Stale >= requeuedBefore, "frames in flight are re-queued or counted");
        Assert.Equal(_frames.Numbers().Order(), _frames.Numbers());

        // Pull the last: the CPU takes over, the pool is degraded.
        _sysfs.Unplug("1-1.3");
        await Eventually.TrueAsync(() => Kinds.SequenceEqual(["cpu"]), "CPU fallback again", Patience);
        await Eventually.TrueAsync(() => Supervisor.Sticks.Count == 0, "both sticks forgotten after the grace", Patience);
        Assert.Equal(PoolState.Degraded, Supervisor.PoolState);
        published = _frames.Count;
        await Eventually.TrueAsync(() => _frames.Count > published + 10, "detections on the CPU", Patience);

        // Re-plug: back to the sticks.
        _sysfs.PlugNcs2("1-1.2");
        await Eventually.TrueAsync(() => Kinds.SequenceEqual(["ncs2"]), "the re-plugged stick serving", Patience);
        Assert.Equal(PoolState.Ok, Supervisor.PoolState);
        Assert.Equal(_frames.Numbers().Order(), _frames.Numbers());
        Assert.Empty(_frames.Gaps(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task The_firmware_boot_re_enumeration_is_the_same_stick_not_a_removal()
    {
        // Booting an NCS2 makes it vanish and come back at the same port as 03e7:f63b.
        _sticks.DuringBoot = stick =>
        {
            _sysfs.Unplug(stick.Port);
            Thread.Sleep(150);
            _sysfs.PlugBootedNcs2(stick.Port);
        };
        _sysfs.PlugNcs2("1-1.3");
        await StartAsync();

        await Eventually.TrueAsync(() => Kinds.SequenceEqual(["ncs2"]), "the stick serving", Patience);
        await Task.Delay(1000); // past the remove grace: a removal would have shown by now

        var stick = Assert.Single(Supervisor.Sticks);
        Assert.Equal("ready", stick.State);
        Assert.Equal(1, _sticks.Boots);
        Assert.Equal(0, stick.Resets);
    }

    [Fact]
    public async Task A_stick_whose_inference_fails_is_retried_with_backoff_then_quarantined()
    {
        _sticks.Behaviour["1-1.3"] = StickBehaviour.InferenceThrows;
        _sysfs.PlugNcs2("1-1.3");
        await StartAsync();

        await Eventually.TrueAsync(() => Supervisor.Sticks.SingleOrDefault()?.State == "quarantined", "quarantine after 3 failures", Patience);

        var stick = Supervisor.Sticks.Single();
        Assert.Equal(3, _sticks.Boots); // booted, failed, retried after 1 s, failed, after 2 s, failed
        Assert.Equal(3, stick.Resets);
        Assert.Contains("NC_ERROR", stick.LastError, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Kinds.SequenceEqual(["cpu"]), "the CPU standing in", Patience);
        Assert.Equal(PoolState.Degraded, Supervisor.PoolState);

        // Re-plugging is the way out of quarantine.
        _sticks.Behaviour["1-1.3"] = StickBehaviour.Healthy;
        _sysfs.Unplug("1-1.3");
        await Eventually.TrueAsync(() => Supervisor.Sticks.Count == 0, "the stick removed", Patience);
        _sysfs.PlugNcs2("1-1.3");
        await Eventually.TrueAsync(() => Kinds.SequenceEqual(["ncs2"]), "the re-plugged stick serving", Patience);
    }

    [Fact]
    public async Task A_hung_stick_is_retired_at_the_deadline_and_its_frame_served_elsewhere()
    {
        _sticks.Behaviour["1-1.3"] = StickBehaviour.InferenceHangs;
        _sysfs.PlugNcs2("1-1.3");
        await StartAsync(cpuMode: "Always");

        await Eventually.TrueAsync(() => Supervisor.Sticks.SingleOrDefault()?.Resets >= 1, "the hung stick retired", Patience);

        Assert.Contains("longer than 1", Supervisor.Sticks.Single().LastError, StringComparison.Ordinal);
        // Past the deadline the frame is older than MaxFrameAge (both 1 s here): dropped and counted, not re-queued.
        Assert.True(_daemon!.Pipeline.Scheduler.Requeued + _daemon.Pipeline.Scheduler.Stale >= 1);
        var published = _frames.Count;
        await Eventually.TrueAsync(() => _frames.Count > published + 5, "the CPU worker carrying on", Patience);
    }

    [Fact]
    public async Task A_stick_that_will_not_boot_is_retried_then_quarantined_and_an_ncs1_is_listed_unsupported()
    {
        _sticks.Behaviour["1-1.3"] = StickBehaviour.FailsToBoot;
        _sysfs.PlugNcs2("1-1.3");
        _sysfs.PlugNcs1("1-1.4");
        await StartAsync();

        await Eventually.TrueAsync(() => Supervisor.Sticks.FirstOrDefault(s => s.Port == "1-1.3")?.State == "quarantined", "quarantine", Patience);

        Assert.Contains("NC_ERROR", Supervisor.Sticks.Single(s => s.Port == "1-1.3").LastError, StringComparison.Ordinal);
        var ncs1 = Supervisor.Sticks.Single(s => s.Port == "1-1.4");
        Assert.Equal(("ncs1", "unsupported"), (ncs1.Kind, ncs1.State));
        await Eventually.TrueAsync(() => Kinds.SequenceEqual(["cpu"]), "the CPU standing in", Patience);
    }

    [Fact]
    public async Task Health_and_Home_Assistant_show_a_stick_while_it_is_there_and_forget_it_when_it_is_gone_for_good()
    {
        // The fixture tree doubles as /sys for the CPU temperature: a Raspberry Pi's cpu-thermal zone at 47.5 °C.
        var zone = Path.Combine(_sysfs.Root, "class", "thermal", "thermal_zone0");
        Directory.CreateDirectory(zone);
        File.WriteAllText(Path.Combine(zone, "type"), "cpu-thermal\n");
        File.WriteAllText(Path.Combine(zone, "temp"), "47500\n");
        _sysfs.PlugNcs2("1-1.3");
        await StartAsync(health: "00:00:01");
        const string Config = "homeassistant/sensor/edgewatch_sticks_stick_1_1_3_state/config";

        JsonElement? report = null;
        await Eventually.TrueAsync(
            () => (report = Health()) is { } r && r.GetProperty("devices").EnumerateArray().Any(d => d.GetProperty("id").GetString() == "1-1.3"
                && d.GetProperty("state").GetString() == "ready" && d.GetProperty("completed").GetInt64() > 0),
            () => $"the stick ready in the health report: {report}", Patience);
        var health = report!.Value;
        var stick = health.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "1-1.3");
        Assert.Equal(("ncs2", "1-1.3", "MYRIAD.1.3-ma2480"), (stick.GetProperty("kind").GetString(), stick.GetProperty("port").GetString(), stick.GetProperty("name").GetString()));
        Assert.True(stick.GetProperty("inference_ms_p50").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, stick.GetProperty("temperature_c").ValueKind); // stand-ins report none; a real stick's DEVICE_THERMAL goes here
        Assert.Equal(("ok", 1), (health.GetProperty("pool").GetProperty("state").GetString(), health.GetProperty("pool").GetProperty("sticks_online").GetInt32()));
        var camera = health.GetProperty("cameras")[0];
        Assert.Equal(("room", "streaming"), (camera.GetProperty("name").GetString(), camera.GetProperty("state").GetString()));
        Assert.Equal(47.5, health.GetProperty("system").GetProperty("cpu_temperature_c").GetDouble());
        Assert.True(health.GetProperty("mqtt").GetProperty("connected").GetBoolean());
        var config = await MosquittoClients.ReadRetainedAsync(_broker!, Config);
        var template = JsonDocument.Parse(config.Payload).RootElement.GetProperty("value_template").GetString();
        Assert.Contains("selectattr('id', 'equalto', '1-1.3')", template, StringComparison.Ordinal);

        _sysfs.Unplug("1-1.3");

        await Eventually.TrueAsync(() => Health() is { } r && r.GetProperty("devices").EnumerateArray().All(d => d.GetProperty("id").GetString() != "1-1.3"),
            "the stick gone from the health report", Patience);
        Assert.Empty(await MosquittoClients.ReadAllRetainedAsync(_broker!, Config)); // deleted in Home Assistant
        Assert.Equal("degraded", Health()!.Value.GetProperty("pool").GetProperty("state").GetString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit v2 disposes test classes through IAsyncLifetime only, never IAsyncDisposable.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        _sysfs.Dispose();
    }

    private string Explain()
    {
        var camera = _daemon!.Pipeline.Cameras[0].Status;
        var scheduler = _daemon.Pipeline.Scheduler;
        return $"seen: {string.Join(", ", _frames.Devices())}; published {_frames.Count}; workers: " +
            string.Join(", ", Pool.Workers.Select(w => $"{w.Device} completed {w.Status.Completed} in flight {w.Status.InFlight} errors {w.Status.Errors}")) +
            $"; camera {camera.State} frames {camera.Frames.Total} dropped {camera.Dropped.Total} age {camera.LastFrameAge}; " +
            $"scheduler dispatched {scheduler.Dispatched} superseded {scheduler.Superseded} stale {scheduler.Stale} requeued {scheduler.Requeued}";
    }

    private JsonElement? Health()
    {
        var messages = MosquittoClients.ReadAllRetainedAsync(_broker!, "edgewatch/sticks/health").GetAwaiter().GetResult();
        return messages.Count == 0 ? null : JsonDocument.Parse(messages[0].Payload).RootElement.Clone();
    }

    private async Task StartAsync(string cpuMode = "Fallback", string? health = null)
    {
        _broker = await MosquittoBroker.StartAsync();
        var config = DaemonConfigFile.SampleVideo(_broker.Port, "sticks", realtime: true, loop: true);
        config["Cpu"]!["Mode"] = cpuMode;
        config["Inference"] = new JsonObject { ["InferenceTimeout"] = "00:00:01" };
        config["Scheduler"] = new JsonObject { ["MaxFrameAge"] = "00:00:01" };
        config["Devices"] = new JsonObject
        {
            ["SysfsRoot"] = _sysfs.Root,
            ["RescanInterval"] = "00:00:00.1",
            ["RemoveGrace"] = "00:00:00.4",
            ["EnableUevents"] = false,
        };
        config["Sticks"] = new JsonObject { ["BootStagger"] = "00:00:00.1", ["MaxFailures"] = 3 };
        if (health is not null)
        {
            config["Health"] = new JsonObject { ["Interval"] = health };
        }
        _daemon = await InProcessDaemon.StartAsync(config, services =>
        {
            services.AddSingleton<IStickEngineFactory>(_sticks);
            services.AddSingleton<IDetectionSink>(_frames);
        });
    }

    /// <summary>Records every published frame: number, device, time.</summary>
    private sealed class FrameLog : IDetectionSink
    {
        private readonly ConcurrentQueue<(long Frame, string Device, DateTime At)> _frames = new();

        public int Count => _frames.Count;

        public IReadOnlyList<long> Numbers() => [.. _frames.Select(f => f.Frame)];

        public HashSet<string> Devices() => _frames.Select(f => f.Device).ToHashSet();

        /// <summary>Pauses in the stream longer than <paramref name="limit"/>.</summary>
        public IReadOnlyList<TimeSpan> Gaps(TimeSpan limit) =>
            [.. _frames.Zip(_frames.Skip(1), (a, b) => b.At - a.At).Where(gap => gap > limit)];

        public void Publish(DetectionResult result) => _frames.Enqueue((result.FrameNumber, result.Device, DateTime.UtcNow));
    }
}
