using System.Collections.Concurrent;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Mqtt;

public sealed class MqttProtocolVersionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Mqtt5_connects_publishes_and_receives()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using MosquittoSubscriber subscriber = await MosquittoSubscriber.StartAsync(broker, "ew/v5/#");
        MqttOptions options = TestConnections.Options(broker, "v5");
        options.ProtocolVersion = "5";
        await using var connection = new MqttConnection(options, new TestLogger<MqttConnection>(output));
        var received = new ConcurrentQueue<MqttIncomingMessage>();
        connection.Subscribe("ew/v5/in", 1, received.Enqueue);
        connection.Start();
        await TestConnections.ConnectedAndDrainedAsync(connection);

        connection.Publish("ew/v5/count", "42"u8, 1, true, MessageClass.State);
        await subscriber.WaitForAsync(m => m.Any(x => x.Topic == "ew/v5/count"), "the v5 publish");
        Assert.Equal(("42", 1, true), (subscriber.On("ew/v5/count")[0].Text, subscriber.On("ew/v5/count")[0].Qos, subscriber.On("ew/v5/count")[0].Retain));
        Assert.Contains($"as {options.ClientId} (p5,", broker.Log, StringComparison.Ordinal); // the broker saw protocol level 5

        await MosquittoClients.PublishAsync(broker, "ew/v5/in", "hello", retain: true);
        await Eventually.TrueAsync(() => !received.IsEmpty, "the incoming message");
        Assert.Equal("ew/v5/in", Assert.Single(received).Topic);
    }
}
