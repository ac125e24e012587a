using System.Collections.Concurrent;
using System.Text;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Mqtt;

public sealed class MqttReconnectTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Broker_absent_at_start_is_retried_and_messages_queued_meanwhile_flow_once_it_starts()
    {
        await using MosquittoBroker broker = MosquittoBroker.Create(); // not running yet
        var logger = new TestLogger<MqttConnection>(output);
        await using var connection = new MqttConnection(TestConnections.Options(broker, "absent"), logger);
        connection.Start();

        await Eventually.TrueAsync(() => connection.ConnectAttempts >= 3, "three connection attempts");
        Assert.False(connection.IsConnected);
        Assert.Contains(connection.State, (MqttConnectionState[])[MqttConnectionState.Connecting, MqttConnectionState.Disconnected]);
        Assert.Equal("Connection refused", connection.LastError);

        for (int i = 0; i < 20; i++)
        {
            connection.Publish($"ew/absent/state/{i}", Encoding.UTF8.GetBytes($"s{i}"), 1, true, MessageClass.State);
        }

        for (int i = 0; i < 5; i++)
        {
            connection.Publish($"ew/absent/detections/{i}", Encoding.UTF8.GetBytes($"t{i}"), 0, true, MessageClass.Telemetry);
        }

        MqttConnectionStatus waiting = connection.Status;
        Assert.Equal((25, 0L, 0), (waiting.QueuedMessages, waiting.Dropped, waiting.InFlight));
        long attemptsBefore = connection.ConnectAttempts;

        await broker.StartAsync();
        await TestConnections.FlushedThroughBrokerAsync(connection);

        IReadOnlyList<ReceivedMessage> retained = await MosquittoClients.ReadAsync(broker, "ew/absent/#", 25);
        Assert.Equal(
            Enumerable.Range(0, 20).Select(i => ($"ew/absent/state/{i}", $"s{i}", 1))
                .Concat(Enumerable.Range(0, 5).Select(i => ($"ew/absent/detections/{i}", $"t{i}", 0)))
                .Order(),
            retained.Select(m => (m.Topic, m.Text, m.Qos)).Order());
        Assert.True(connection.ConnectAttempts > attemptsBefore);
        Assert.Equal(0, connection.Reconnects); // the first successful connection is not a reconnection
        Assert.Equal(MqttConnectionState.Connected, connection.State);
        // One Warning for the refused connection, then Debug for the identical repeats.
        Assert.Single(logger.Entries, e => e.Id.Id == 2);
        Assert.Contains(logger.Entries, e => e.Id.Id == 3);
    }

    [Fact]
    public async Task Broker_restart_reconnects_republishes_online_restores_subscriptions_and_loses_no_qos1_message()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        MqttOptions options = TestConnections.Options(broker, "restart");
        await using var connection = new MqttConnection(options, new TestLogger<MqttConnection>(output));
        var commands = new ConcurrentQueue<string>();
        var sessions = new ConcurrentQueue<MqttConnectedEventArgs>();
        var losses = new ConcurrentQueue<MqttDisconnectedEventArgs>();
        connection.Subscribe("ew/restart/command", 1, m => commands.Enqueue(Encoding.UTF8.GetString(m.Payload.Span)));
        connection.Connected += (_, e) => sessions.Enqueue(e);
        connection.Disconnected += (_, e) => losses.Enqueue(e);
        connection.Start();
        await Eventually.TrueAsync(() => sessions.Count == 1, "the first Connected event");
        await PublishUntilHandledAsync(broker, commands, "before");

        // 0..9 while connected, seen live by an independent subscriber on the first broker.
        await using (MosquittoSubscriber live = await MosquittoSubscriber.StartAsync(broker, "ew/restart/q/#"))
        {
            PublishRange(connection, 0, 10);
            await live.WaitForAsync(m => m.Count == 10, "messages 0..9");
        }

        await TestConnections.ConnectedAndDrainedAsync(connection); // their PUBACKs are read too

        // 10..19 handed to libmosquitto while the broker is frozen: in flight, never acknowledged.
        await broker.PauseAsync();
        PublishRange(connection, 10, 20);
        Assert.Equal(10, connection.Status.InFlight);

        // The broker dies with them; 20..29 are published while it is down and wait in the outbox.
        await broker.KillAsync();
        await Eventually.TrueAsync(() => !connection.IsConnected, "the connection loss being noticed");
        PublishRange(connection, 20, 30);
        Assert.Equal(10, connection.Status.QueuedMessages);

        await broker.StartAsync(); // same port, fresh broker: no persistence, nothing retained
        await Eventually.TrueAsync(() => sessions.Count == 2, "a second Connected event");
        await TestConnections.FlushedThroughBrokerAsync(connection);

        MqttConnectedEventArgs reconnected = sessions.Last();
        Assert.True(reconnected.IsReconnect);
        Assert.Equal(1, connection.Reconnects);
        Assert.Single(losses);
        Assert.StartsWith("connection lost", connection.LastError, StringComparison.Ordinal);
        // Everything published from the freeze on reached the new broker: libmosquitto re-sent 10..19, the outbox 20..29.
        IReadOnlyList<ReceivedMessage> retained = await MosquittoClients.ReadAsync(broker, "ew/restart/q/#", 20);
        Assert.Equal(Enumerable.Range(10, 20).Select(i => $"ew/restart/q/{i}").Order(), retained.Select(m => m.Topic).Order());
        Assert.All(retained, m => Assert.Equal(1, m.Qos));
        Assert.Equal("online", (await MosquittoClients.ReadRetainedAsync(broker, options.AvailabilityTopic!)).Text);
        await PublishUntilHandledAsync(broker, commands, "after"); // re-subscribed on the new broker
        Assert.Equal(0, connection.Status.Dropped);
    }

    private static void PublishRange(MqttConnection connection, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            connection.Publish($"ew/restart/q/{i}", Encoding.UTF8.GetBytes($"m{i}"), 1, true, MessageClass.Event);
        }
    }

    /// <summary>Publishes from outside until the handler has it (the SUBACK may still be on its way).</summary>
    private static async Task PublishUntilHandledAsync(MosquittoBroker broker, ConcurrentQueue<string> handled, string payload)
    {
        DateTime deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (!handled.Contains(payload))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the subscription handler never got '{payload}'");
            await MosquittoClients.PublishAsync(broker, "ew/restart/command", payload);
            await Task.Delay(200);
        }
    }
}
