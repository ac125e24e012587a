using System.Net.Sockets;
using EdgeWatch.Worker.Hosting;
using EdgeWatch.Worker.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Systemd;

/// <summary>
/// The daemon's side of <c>Type=notify</c>: <c>READY=1</c> once the pipeline can serve (configuration valid, models
/// loaded, the first CPU workers built or their failure recorded), then at half the watchdog timeout a <c>STATUS=</c>
/// line and <c>WATCHDOG=1</c> — the ping only while <see cref="PipelineLiveness"/> sees progress or idleness by design,
/// so systemd restarts a hung pipeline. <c>STOPPING=1</c> first thing on shutdown. Registered after the pipeline service,
/// so it starts after it and stops before it.
/// </summary>
public sealed partial class SystemdService(
    SystemdNotifier notifier,
    DetectionPipeline pipeline,
    PipelineProgress progress,
    MqttConnection mqtt,
    ILogger<SystemdService> logger) : BackgroundService
{
    /// <summary>How often the status line is refreshed when systemd does not watch the process.</summary>
    private static readonly TimeSpan StatusPeriod = TimeSpan.FromSeconds(5);

    private bool _sendFailed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled)
        {
            return;
        }

        Send("STATUS=Loading models and starting workers");
        try
        {
            await pipeline.Cpu.FirstAttempt.WaitAsync(stoppingToken).ConfigureAwait(false);
            var liveness = new PipelineLiveness(pipeline, progress);
            Send($"READY=1\nSTATUS={Describe(liveness.Check(), liveness)}");
            var period = notifier.WatchdogTimeout is { } timeout ? timeout / 2 : StatusPeriod;
            Log.Ready(logger, notifier.SocketName!, notifier.WatchdogTimeout?.TotalSeconds ?? 0, period.TotalSeconds, liveness.Window.TotalSeconds);
            var stalled = false;
            while (true)
            {
                // A delay after each ping rather than a fixed-rate timer: pings are never closer than half the timeout.
                await Task.Delay(period, stoppingToken).ConfigureAwait(false);
                var activity = liveness.Check();
                if ((activity == PipelineActivity.Stalled) != stalled)
                {
                    stalled = !stalled;
                    if (stalled)
                    {
                        Log.Stalled(logger, liveness.Quiet.TotalSeconds);
                    }
                    else
                    {
                        Log.Recovered(logger);
                    }
                }

                var ping = notifier.WatchdogTimeout is not null && !stalled ? "WATCHDOG=1\n" : string.Empty;
                Send($"{ping}STATUS={Describe(activity, liveness)}");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.Cancelled(logger);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (notifier.IsEnabled)
        {
            Send("STOPPING=1\nSTATUS=Stopping: finishing frames in flight, publishing offline");
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private string Describe(PipelineActivity activity, PipelineLiveness liveness)
    {
        var line = ServiceStatusLine.Describe(pipeline.Pool.Workers, [.. pipeline.Cameras.Select(c => c.Status)], mqtt.IsConnected, pipeline.Cpu.LastError);
        return activity == PipelineActivity.Stalled ? $"stalled: no result for {liveness.Quiet.TotalSeconds:0} s; {line}" : line;
    }

    private void Send(string state)
    {
        try
        {
            notifier.Notify(state);
            _sendFailed = false;
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            // systemd went away or the socket name is wrong (or too long for sun_path): say so once, keep running.
            if (!_sendFailed)
            {
                Log.NotifyFailed(logger, notifier.SocketName!, e.Message);
            }

            _sendFailed = true;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Told systemd ({Socket}) the daemon is ready; watchdog {Watchdog} s (0 = off), status every {Period} s, a pipeline quiet for over {Window} s counts as hung")]
        public static partial void Ready(ILogger logger, string socket, double watchdog, double period, double window);

        [LoggerMessage(Level = LogLevel.Error, Message = "The pipeline has had work and published nothing for {Seconds:0} s: withholding the watchdog ping, so systemd restarts the daemon")]
        public static partial void Stalled(ILogger logger, double seconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The pipeline makes progress again: watchdog pings resume")]
        public static partial void Recovered(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot notify systemd at {Socket}: {Reason}")]
        public static partial void NotifyFailed(ILogger logger, string socket, string reason);

        [LoggerMessage(Level = LogLevel.Debug, Message = "systemd notification stopped")]
        public static partial void Cancelled(ILogger logger);
    }
}
