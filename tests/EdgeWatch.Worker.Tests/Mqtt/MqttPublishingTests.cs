using System.Collections.Concurrent;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Mqtt;

public sealed class MqttPublishingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Published_messages_reach_an_independent_subscriber_with_topic_payload_qos_and_retain_flag()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using MosquittoSubscriber subscriber = await MosquittoSubscriber.StartAsync(broker, "ew/pub/#");
        await using var connection = new MqttConnection(TestConnections.Options(broker, "pub"), new TestLogger<MqttConnection>(output));
        connection.Start();
        await TestConnections.ConnectedAndDrainedAsync(connection);

        connection.Publish("ew/pub/detections", "{\"label\":\"person\"}"u8, 0, false, MessageClass.Telemetry);
        connection.Publish("ew/pub/count", "3"u8, 1, true, MessageClass.State);
        connection.Publish("ew/pub/event", "entered"u8, 2, false, MessageClass.Event);
        connection.Publish("ew/pub/binary", new byte[] { 0, 1, 2, 0xFF }, 1, false, MessageClass.Event);
        connection.Publish("ew/pub/empty", [], 1, false, MessageClass.Event);

        await subscriber.WaitForAsync(m => m.Count == 5, "all five messages");
        ReceivedMessage detections = Assert.Single(subscriber.On("ew/pub/detections"));
        Assert.Equal(("{\"label\":\"person\"}", 0, false), (detections.Text, detections.Qos, detections.Retain));
        ReceivedMessage count = Assert.Single(subscriber.On("ew/pub/count"));
        Assert.Equal(("3", 1, true), (count.Text, count.Qos, count.Retain));
        ReceivedMessage @event = Assert.Single(subscriber.On("ew/pub/event"));
        Assert.Equal(("entered", 2, false), (@event.Text, @event.Qos, @event.Retain));
        Assert.Equal(new byte[] { 0, 1, 2, 0xFF }, Assert.Single(subscriber.On("ew/pub/binary")).Payload);
        Assert.Empty(Assert.Single(subscriber.On("ew/pub/empty")).Payload);
        Assert.Equal(0, connection.Status.Dropped);
    }

    [Fact]
    public async Task Retained_messages_are_there_for_a_subscriber_that_connects_afterwards()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using var connection = new MqttConnection(TestConnections.Options(broker, "retained"), new TestLogger<MqttConnection>(output));
        connection.Start();
        await TestConnections.ConnectedAndDrainedAsync(connection);

        connection.Publish("ew/retained/count", "7"u8, 1, true, MessageClass.State);
        connection.Publish("ew/retained/not-retained", "x"u8, 1, false, MessageClass.Event);
        await TestConnections.FlushedThroughBrokerAsync(connection);

        ReceivedMessage retained = await MosquittoClients.ReadRetainedAsync(broker, "ew/retained/count");
        Assert.Equal(("7", 1), (retained.Text, retained.Qos));
        IReadOnlyList<ReceivedMessage> all = await MosquittoClients.ReadAsync(broker, "ew/retained/#", 1);
        Assert.Equal("ew/retained/count", Assert.Single(all).Topic); // the non-retained one is not kept
    }

    [Fact]
    public async Task Messages_on_a_subscription_reach_its_handler_on_a_managed_thread()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await MosquittoClients.PublishAsync(broker, "homeassistant/status", "online", retain: true);
        await using var connection = new MqttConnection(TestConnections.Options(broker, "sub"), new TestLogger<MqttConnection>(output));
        var received = new ConcurrentQueue<(MqttIncomingMessage Message, string? Thread)>();
        var other = new ConcurrentQueue<MqttIncomingMessage>();
        connection.Subscribe("homeassistant/status", 1, m => received.Enqueue((m, Thread.CurrentThread.Name)));
        connection.Subscribe("ew/sub/+/set", 0, other.Enqueue);
        connection.Start();

        await Eventually.TrueAsync(() => !received.IsEmpty, "the retained birth message");
        (MqttIncomingMessage birth, string? thread) = Assert.Single(received);
        Assert.Equal(("homeassistant/status", "online", true), (birth.Topic, System.Text.Encoding.UTF8.GetString(birth.Payload.Span), birth.Retain));
        Assert.Equal("mqtt-events", thread);

        await MosquittoClients.PublishAsync(broker, "ew/sub/lamp/set", "ON");
        await MosquittoClients.PublishAsync(broker, "ew/sub/lamp/state", "ignored");
        await Eventually.TrueAsync(() => !other.IsEmpty, "the live message on the wildcard subscription");
        MqttIncomingMessage set = Assert.Single(other);
        Assert.Equal(("ew/sub/lamp/set", "ON", false), (set.Topic, System.Text.Encoding.UTF8.GetString(set.Payload.Span), set.Retain));
        Assert.Single(received); // not delivered to the non-matching subscription
    }

    [Fact]
    public async Task Publishing_to_a_known_topic_while_connected_allocates_nothing_on_the_callers_thread()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using MosquittoSubscriber subscriber = await MosquittoSubscriber.StartAsync(broker, "ew/hot/#");
        await using var connection = new MqttConnection(TestConnections.Options(broker, "hot"), new TestLogger<MqttConnection>(output));
        connection.Start();
        await TestConnections.ConnectedAndDrainedAsync(connection);
        byte[] payload = new byte[200];
        for (int i = 0; i < 100; i++)
        {
            connection.Publish("ew/hot/detections", payload, 0, false, MessageClass.Telemetry); // warm-up: JIT, topic cache
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            connection.Publish("ew/hot/detections", payload, 0, false, MessageClass.Telemetry);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, connection.Status.QueuedMessages); // they went the direct way, not through the outbox
        Assert.True(allocated < 1024, $"1000 publishes allocated {allocated} bytes");
        await subscriber.WaitForAsync(m => m.Count == 1100, "all 1100 messages");
    }
}
