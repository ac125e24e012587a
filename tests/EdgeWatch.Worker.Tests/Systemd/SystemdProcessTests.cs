using System.Text.RegularExpressions;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Systemd;

/// <summary>
/// `edgewatch run` as systemd starts it: $NOTIFY_SOCKET (a path, or an abstract name) and $WATCHDOG_USEC in its
/// environment, SIGTERM to stop it, $JOURNAL_STREAM when its output goes to the journal.
/// </summary>
public sealed partial class SystemdProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Under_systemd_the_daemon_sends_ready_status_and_pings_then_stopping_on_sigterm(bool abstractName)
    {
        await TestModels.OpenAsync("yolox-nano");
        await using var broker = await MosquittoBroker.StartAsync();
        using var socket = NotifySocket.Create(abstractName);
        using var config = new DaemonConfigFile(DaemonConfigFile.SampleVideo(broker.Port, "notify", realtime: true, loop: true));
        var environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socket.Name, ["WATCHDOG_USEC"] = "2000000" };
        await using var daemon = DaemonProcess.Start(environment, "run", "--config", config.Path);

        await Eventually.TrueAsync(() => socket.Count("WATCHDOG=1") >= 2 && socket.Statuses.Any(s => s.Contains(" detected/s", StringComparison.Ordinal)),
            "READY, watchdog pings and a status with rates", Patience);
        Assert.Equal(0, socket.Count("STOPPING=1"));
        daemon.Signal(15);
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{daemon.Output}");
        Assert.True(socket.Times("READY=1").Single() < socket.Times("WATCHDOG=1")[0], socket.Transcript);
        Assert.Matches(@"^CPU worker ×1; camera room \d+\.\d fps, \d+\.\d detected/s; MQTT connected$", socket.Statuses.First(s => s.Contains(" fps", StringComparison.Ordinal)));
        Assert.Equal(1, socket.Count("STOPPING=1"));
        Assert.Contains(socket.Statuses, s => s.StartsWith("Stopping", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Under_journald_every_log_line_carries_a_syslog_priority_prefix()
    {
        await TestModels.OpenAsync("yolox-nano");
        await using var broker = await MosquittoBroker.StartAsync();
        using var config = new DaemonConfigFile(DaemonConfigFile.SampleVideo(broker.Port, "journal", realtime: true, loop: true));
        await using var daemon = DaemonProcess.Start(new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:123456" }, "run", "--config", config.Path);

        await Eventually.TrueAsync(() => daemon.Output.Contains("Worker cpu-1 (cpu", StringComparison.Ordinal), "the worker joining, logged", Patience);
        daemon.Signal(15);
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20)));

        var lines = daemon.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("<6>EdgeWatch.Pipeline.Scheduling.WorkerPool[", StringComparison.Ordinal) && l.Contains("Worker cpu-1 (cpu", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(Prefixed(), l));
    }

    [Fact]
    public async Task Without_journald_log_lines_are_plain_timestamped_console_lines()
    {
        await TestModels.OpenAsync("yolox-nano");
        await using var broker = await MosquittoBroker.StartAsync();
        using var config = new DaemonConfigFile(DaemonConfigFile.SampleVideo(broker.Port, "console", realtime: true, loop: true));
        await using var daemon = DaemonProcess.Start(new Dictionary<string, string>(), "run", "--config", config.Path);
        await Eventually.TrueAsync(() => daemon.Output.Contains("Worker cpu-1 (cpu", StringComparison.Ordinal), "the worker joining, logged", Patience);
        daemon.Signal(15);
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(daemon.Output.Split('\n'), l => Regex.IsMatch(l, @"^\d\d:\d\d:\d\d\.\d{3} info: EdgeWatch\.Pipeline\.Scheduling\.WorkerPool\[\d+\] Worker cpu-1 \(cpu"));
    }

    [GeneratedRegex("^<[0-7]>")]
    private static partial Regex Prefixed();
}
