using EdgeWatch.Worker.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Hosting;

/// <summary>
/// Owns the broker connection for the host's lifetime: started first (so the pipeline publishes from its first frame,
/// queued until the broker answers), stopped last (so <c>offline</c> goes out after the last detection).
/// </summary>
public sealed partial class MqttService(MqttConnection connection, ILogger<MqttService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        connection.Start();
        Log.Started(logger, connection.ClientId, connection.AvailabilityTopic);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        Log.Stopped(logger);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client {ClientId} started; availability on {Topic}")]
        public static partial void Started(ILogger logger, string clientId, string topic);

        [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client stopped (offline published)")]
        public static partial void Stopped(ILogger logger);
    }
}
