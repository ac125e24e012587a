using System.Diagnostics;
using System.Globalization;
using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Mqtt;

public sealed class MqttAvailabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Availability_is_online_while_connected_and_offline_after_a_clean_dispose()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        MqttOptions options = TestConnections.Options(broker, "availability");
        await using MosquittoSubscriber subscriber = await MosquittoSubscriber.StartAsync(broker, options.AvailabilityTopic!);
        var connection = new MqttConnection(options, new TestLogger<MqttConnection>(output));
        try
        {
            connection.Start();
            await subscriber.WaitForAsync(m => m.Any(x => x.Text == "online"), "online");
            ReceivedMessage online = await MosquittoClients.ReadRetainedAsync(broker, options.AvailabilityTopic!);
            Assert.Equal(("online", 1), (online.Text, online.Qos));
        }
        finally
        {
            await connection.DisposeAsync();
        }

        ReceivedMessage offline = await MosquittoClients.ReadRetainedAsync(broker, options.AvailabilityTopic!);
        Assert.Equal(("offline", 1), (offline.Text, offline.Qos));
        Assert.Equal(["online", "offline"], subscriber.Messages.Select(m => m.Text));
        Assert.All(subscriber.Messages, m => Assert.True(m.Retain));
        // A clean DISCONNECT: the broker discards the will instead of publishing it.
        await Eventually.TrueAsync(() => broker.Log.Contains($"Client {options.ClientId} disconnected.", StringComparison.Ordinal), "the broker logging a clean disconnect");
        Assert.Equal(MqttConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task Dispose_against_a_frozen_broker_is_bounded_and_leaves_the_will_to_say_offline()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        MqttOptions options = TestConnections.Options(broker, "frozen");
        var logger = new TestLogger<MqttConnection>(output);
        var connection = new MqttConnection(options, logger);
        connection.Start();
        await TestConnections.ConnectedAndDrainedAsync(connection);

        await broker.PauseAsync(); // 'offline' will never be acknowledged
        var clock = Stopwatch.StartNew();
        await connection.DisposeAsync();
        clock.Stop();
        await broker.ResumeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"dispose took {clock.Elapsed}");
        Assert.Contains(logger.At(Microsoft.Extensions.Logging.LogLevel.Warning), w => w.Contains("last will", StringComparison.Ordinal));
        Assert.Equal("offline", (await MosquittoClients.ReadRetainedAsync(broker, options.AvailabilityTopic!)).Text);
        Assert.DoesNotContain($"Client {options.ClientId} disconnected.", broker.Log, StringComparison.Ordinal); // no DISCONNECT was sent
    }

    [Fact]
    public async Task Last_will_marks_the_client_offline_when_its_process_is_killed()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        string clientId = $"ew-will-{Guid.NewGuid().ToString("N")[..8]}";
        const string Topic = "test/will/availability";
        await using MosquittoSubscriber subscriber = await MosquittoSubscriber.StartAsync(broker, Topic);

        var startInfo = new ProcessStartInfo(WillProbe.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["exec", typeof(WillProbe).Assembly.Location, WillProbe.Command,
            broker.Port.ToString(CultureInfo.InvariantCulture), clientId, Topic])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process child = Process.Start(startInfo)!;
        try
        {
            Task<string?> firstLine = child.StandardOutput.ReadLineAsync();
            Assert.Same(firstLine, await Task.WhenAny(firstLine, Task.Delay(TimeSpan.FromSeconds(20))));
            Assert.Equal("connected", await firstLine);
            await subscriber.WaitForAsync(m => m.Any(x => x.Text == "online"), "the child's online");
            Assert.Equal("online", (await MosquittoClients.ReadRetainedAsync(broker, Topic)).Text);

            child.Kill(); // SIGKILL: no DISCONNECT, the kernel just closes the socket
            await child.WaitForExitAsync();

            // Only the broker can have published this: the process that would have said "offline" is dead.
            await subscriber.WaitForAsync(m => m.Any(x => x.Text == "offline"), "the last will");
            Assert.Equal(["online", "offline"], subscriber.Messages.Select(m => m.Text));
            ReceivedMessage will = await MosquittoClients.ReadRetainedAsync(broker, Topic);
            Assert.Equal(("offline", 1), (will.Text, will.Qos));
            Assert.Contains($"New client connected from 127.0.0.1", broker.Log, StringComparison.Ordinal);
            Assert.DoesNotContain($"Client {clientId} disconnected.", broker.Log, StringComparison.Ordinal);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }
}
