using System.Text.Json;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.HomeAssistant;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Publishing;
using EdgeWatch.Worker.Sticks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Health;

/// <summary>
/// Publishes the health report to <c>&lt;prefix&gt;/&lt;node&gt;/health</c> (retained) every <c>Health:Interval</c>, and at
/// once after every (re)connect so a dashboard never shows a report older than the connection.
/// </summary>
public sealed partial class HealthPublisher(
    HealthMonitor monitor,
    MqttConnection connection,
    StickSupervisor sticks,
    StickEntities stickEntities,
    DaemonSettings settings,
    HealthOptions options,
    ILogger<HealthPublisher> logger) : BackgroundService, IRetainedStateSource
{
    private readonly string _topic = Topic(settings);
    private readonly SemaphoreSlim _now = new(0, 1);

    /// <summary>Where the report goes: <c>&lt;prefix&gt;/&lt;node&gt;/health</c>.</summary>
    public static string Topic(DaemonSettings settings) => $"{(settings ?? throw new ArgumentNullException(nameof(settings))).TopicRoot}/health";

    /// <summary>The last report published (for other parts that show health: systemd status, Home Assistant sensors).</summary>
    public HealthReport? Last { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        connection.Connected += OnConnected;
        sticks.SticksChanged += PublishSoon;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Publish();
                try
                {
                    await _now.WaitAsync(options.Interval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Log.Cancelled(logger);
                    return;
                }
            }
        }
        finally
        {
            connection.Connected -= OnConnected;
            sticks.SticksChanged -= PublishSoon;
        }
    }

    public override void Dispose()
    {
        _now.Dispose();
        base.Dispose();
    }

    /// <summary>Re-publishes the report (Home Assistant's birth message).</summary>
    public void PublishRetainedStates() => PublishSoon();

    private void Publish()
    {
        try
        {
            var report = monitor.Read();
            Last = report;

            // A stick's entities before the report that carries its figures.
            stickEntities.Sync(report.Devices);
            var payload = JsonSerializer.SerializeToUtf8Bytes(report, HealthJsonContext.Default.HealthReport);
            connection.Publish(_topic, payload, qos: 1, retain: true, MessageClass.State);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // Health must never take the daemon down; the next interval tries again.
            Log.Failed(logger, e.Message);
        }
    }

    private void OnConnected(object? sender, MqttConnectedEventArgs e) => PublishSoon();

    private void PublishSoon()
    {
        if (_now.CurrentCount == 0)
        {
            try
            {
                _now.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Health publisher cancelled")]
        public static partial void Cancelled(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish health: {Reason}")]
        public static partial void Failed(ILogger logger, string reason);
    }
}
