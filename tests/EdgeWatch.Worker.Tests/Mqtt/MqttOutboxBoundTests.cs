using System.Text;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Mqtt;

/// <summary>
/// The outbox bound, observed end to end: messages are published while the broker is down, each retained on its
/// own topic, and what survived is read back from the broker by an independent subscriber once it is up.
/// </summary>
public sealed class MqttOutboxBoundTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Up_to_the_bound_nothing_is_dropped_and_everything_is_delivered()
    {
        await using MosquittoBroker broker = MosquittoBroker.Create();
        await using MqttConnection connection = Connect(broker, "below", messages: 10);

        for (int i = 0; i < 10; i++)
        {
            Publish(connection, i, i % 3 == 0 ? MessageClass.Telemetry : i % 3 == 1 ? MessageClass.State : MessageClass.Event);
        }

        Assert.Equal((10, 0L), (connection.Status.QueuedMessages, connection.Status.Dropped));
        IReadOnlyList<ReceivedMessage> delivered = await StartBrokerAndReadAsync(broker, connection, 10);
        Assert.Equal(Topics(Enumerable.Range(0, 10)), Topics(delivered));
        Assert.Equal(0, connection.Status.Dropped);
    }

    [Fact]
    public async Task Above_the_bound_the_excess_is_dropped_oldest_telemetry_first()
    {
        await using MosquittoBroker broker = MosquittoBroker.Create();
        await using MqttConnection connection = Connect(broker, "above", messages: 10);

        // 16 messages into room for 10: 6 state/event (even numbers up to 10) and 10 telemetry.
        int[] durable = [0, 2, 4, 6, 8, 10];
        int[] telemetry = [1, 3, 5, 7, 9, 11, 12, 13, 14, 15];
        for (int i = 0; i < 16; i++)
        {
            Publish(connection, i, durable.Contains(i) ? (i % 4 == 0 ? MessageClass.State : MessageClass.Event) : MessageClass.Telemetry);
        }

        MqttConnectionStatus status = connection.Status;
        Assert.Equal((10, 6L, 6L, 0L, 0L), (status.QueuedMessages, status.Dropped, status.DroppedTelemetry, status.DroppedState, status.DroppedEvent));

        IReadOnlyList<ReceivedMessage> delivered = await StartBrokerAndReadAsync(broker, connection, 10);
        Assert.Equal(Topics(durable.Concat(telemetry[6..])), Topics(delivered)); // all state/events, the 4 newest telemetry
        Assert.Equal(6, connection.Status.Dropped);
    }

    [Fact]
    public async Task When_only_state_and_events_are_queued_the_oldest_of_them_are_dropped_and_counted()
    {
        await using MosquittoBroker broker = MosquittoBroker.Create();
        await using MqttConnection connection = Connect(broker, "durable", messages: 5);

        for (int i = 0; i < 8; i++)
        {
            Publish(connection, i, i < 2 ? MessageClass.State : MessageClass.Event);
        }

        MqttConnectionStatus status = connection.Status;
        Assert.Equal((5, 2L, 1L, 0L), (status.QueuedMessages, status.DroppedState, status.DroppedEvent, status.DroppedTelemetry));
        Assert.Equal(Topics(Enumerable.Range(3, 5)), Topics(await StartBrokerAndReadAsync(broker, connection, 5)));
    }

    [Fact]
    public async Task The_byte_bound_counts_payload_and_topic_bytes()
    {
        await using MosquittoBroker broker = MosquittoBroker.Create();
        await using MqttConnection connection = Connect(broker, "bytes", messages: 1000, bytes: 4096);
        byte[] kilobyte = new byte[1000];

        for (int i = 0; i < 10; i++)
        {
            connection.Publish($"ew/bound/{i}", kilobyte, 0, true, MessageClass.Telemetry); // 1010 bytes each with the topic
        }

        MqttConnectionStatus status = connection.Status;
        Assert.Equal((4, 4040L, 6L), (status.QueuedMessages, status.QueuedBytes, status.DroppedTelemetry));
        IReadOnlyList<ReceivedMessage> delivered = await StartBrokerAndReadAsync(broker, connection, 4);
        Assert.Equal(Topics(Enumerable.Range(6, 4)), Topics(delivered));
        Assert.All(delivered, m => Assert.Equal(1000, m.Payload.Length));
    }

    [Fact]
    public async Task A_newer_retained_state_replaces_the_queued_one_for_its_topic_without_counting_a_drop()
    {
        await using MosquittoBroker broker = MosquittoBroker.Create();
        await using MqttConnection connection = Connect(broker, "coalesce", messages: 10);

        for (int count = 1; count <= 5; count++)
        {
            string value = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            connection.Publish("ew/bound/count", Encoding.UTF8.GetBytes(value), 1, true, MessageClass.State);
            connection.Publish($"ew/bound/event/{value}", "entered"u8, 1, true, MessageClass.Event); // events never coalesce
        }

        MqttConnectionStatus status = connection.Status;
        Assert.Equal((6, 4L, 0L), (status.QueuedMessages, status.Coalesced, status.Dropped));
        IReadOnlyList<ReceivedMessage> delivered = await StartBrokerAndReadAsync(broker, connection, 6);
        Assert.Equal("5", Assert.Single(delivered, m => m.Topic == "ew/bound/count").Text);
        Assert.Equal(5, delivered.Count(m => m.Topic.StartsWith("ew/bound/event/", StringComparison.Ordinal)));
    }

    private MqttConnection Connect(MosquittoBroker broker, string name, int messages, long bytes = 1024 * 1024)
    {
        MqttOptions options = TestConnections.Options(broker, name);
        options.QueueLimit = new MqttQueueLimitOptions { Messages = messages, Bytes = bytes };
        var connection = new MqttConnection(options, new TestLogger<MqttConnection>(output));
        connection.Start();
        return connection;
    }

    private static void Publish(MqttConnection connection, int i, MessageClass messageClass) =>
        connection.Publish($"ew/bound/{i}", Encoding.UTF8.GetBytes($"{messageClass}{i}"), messageClass == MessageClass.Telemetry ? 0 : 1, true, messageClass);

    /// <summary>Starts the broker, waits for the outbox to drain through it, and returns everything it retained.</summary>
    private static async Task<IReadOnlyList<ReceivedMessage>> StartBrokerAndReadAsync(MosquittoBroker broker, MqttConnection connection, int expected)
    {
        await broker.StartAsync();
        await TestConnections.FlushedThroughBrokerAsync(connection);
        IReadOnlyList<ReceivedMessage> retained = await MosquittoClients.ReadAllRetainedAsync(broker, "ew/bound/#");
        Assert.Equal(expected, retained.Count);
        return retained;
    }

    private static IEnumerable<string> Topics(IEnumerable<int> numbers) => numbers.Select(i => $"ew/bound/{i}").Order();

    private static IEnumerable<string> Topics(IEnumerable<ReceivedMessage> messages) => messages.Select(m => m.Topic).Order();
}
