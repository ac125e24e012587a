using EdgeWatch.Worker.Mqtt;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>Options for a connection to a test broker: unique client id, short backoff, a per-test availability topic.</summary>
internal static class TestConnections
{
    public static MqttOptions Options(MosquittoBroker broker, string name) => new()
    {
        Host = "127.0.0.1",
        Port = broker.Port,
        ClientId = $"ew-{name}-{Guid.NewGuid().ToString("N")[..8]}",
        AvailabilityTopic = $"test/{name}/availability",
        KeepAliveSeconds = 10,
        ReconnectDelay = new MqttReconnectDelayOptions { Min = TimeSpan.FromMilliseconds(100), Max = TimeSpan.FromSeconds(1) },
    };

    /// <summary>Waits until the connection is up and has handed everything to the broker and had it acknowledged.</summary>
    public static Task ConnectedAndDrainedAsync(MqttConnection connection) =>
        Eventually.TrueAsync(
            () => connection.Status is { Connected: true, QueuedMessages: 0, InFlight: 0 },
            $"connected with an empty outbox and nothing in flight (status {connection.Status})");

    /// <summary>
    /// Publishes a QoS 1 marker after everything else and waits until it is acknowledged: the broker has then
    /// processed every earlier message on this connection, QoS 0 ones included.
    /// </summary>
    public static async Task FlushedThroughBrokerAsync(MqttConnection connection)
    {
        await ConnectedAndDrainedAsync(connection);
        connection.Publish("test/marker", "m"u8, 1, false, MessageClass.Event);
        await ConnectedAndDrainedAsync(connection);
    }
}
