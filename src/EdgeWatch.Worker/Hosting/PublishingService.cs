using EdgeWatch.Worker.HomeAssistant;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Publishing;
using EdgeWatch.Worker.Snapshots;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Hosting;

/// <summary>
/// Ties the result publishers to the broker connection's life: after every (re)connection, and whenever Home Assistant
/// announces itself (<c>online</c> on its birth topic), every discovery configuration and then every retained state is
/// published again. Started after the connection and stopped before it (after the pipeline): on stop, objects still in
/// view get their <c>end</c> event and the snapshot thread stops, while the connection can still deliver.
/// </summary>
public sealed partial class PublishingService : IHostedService
{
    private static readonly byte[] Online = "online"u8.ToArray();

    private readonly MqttConnection _connection;
    private readonly HomeAssistantDiscovery _discovery;
    private readonly IRetainedStateSource[] _states;
    private readonly TrackEventPublisher _events;
    private readonly SnapshotPublisher _snapshots;
    private readonly ILogger _logger;
    private readonly Lock _refreshLock = new();
    private volatile bool _stopped;
    private long _refreshes;

    public PublishingService(
        MqttConnection connection,
        HomeAssistantDiscovery discovery,
        IEnumerable<IRetainedStateSource> states,
        TrackEventPublisher events,
        SnapshotPublisher snapshots,
        Configuration.DaemonSettings settings,
        ILogger<PublishingService> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        _connection = connection;
        _discovery = discovery;
        _states = [.. states];
        _events = events;
        _snapshots = snapshots;
        _logger = logger;

        // Attached here, not in StartAsync: the host creates every hosted service before starting the first, so this runs
        // before MqttService starts the connection and the first Connected cannot go by unseen.
        connection.Connected += OnConnected;
        if (discovery.Enabled)
        {
            connection.Subscribe(settings.HomeAssistant.EffectiveStatusTopic, 1, OnHomeAssistantStatus);
        }
    }

    /// <summary>Full re-publications so far (connections and Home Assistant births).</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        _connection.Connected -= OnConnected;
        _events.EndAll();
        _snapshots.Stop();
        return Task.CompletedTask;
    }

    private void OnConnected(object? sender, MqttConnectedEventArgs e) => Refresh(e.IsReconnect ? "reconnected" : "connected");

    private void OnHomeAssistantStatus(MqttIncomingMessage message)
    {
        if (!message.Payload.Span.SequenceEqual(Online))
        {
            return;
        }

        // Home Assistant asks every device at once: spread the answers a little, as its documentation recommends.
        var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500));
        _ = Task.Run(async () =>
        {
            await Task.Delay(jitter).ConfigureAwait(false);
            Refresh("Home Assistant started");
        });
    }

    private void Refresh(string why)
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            lock (_refreshLock)
            {
                _discovery.PublishAll();
                foreach (var source in _states)
                {
                    source.PublishRetainedStates();
                }

                Interlocked.Increment(ref _refreshes);
            }

            Log.Refreshed(_logger, why, _discovery.Enabled ? _discovery.Entities.Count : 0);
        }
        catch (MqttException e)
        {
            Log.RefreshFailed(_logger, why, e.Message);
        }
        catch (ObjectDisposedException) when (_stopped)
        {
            // stopping: the connection is going away
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Published discovery ({Entities} entities) and retained states again: {Why}")]
        public static partial void Refreshed(ILogger logger, string why, int entities);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Re-publishing discovery and states ({Why}) failed: {Reason}")]
        public static partial void RefreshFailed(ILogger logger, string why, string reason);
    }
}
