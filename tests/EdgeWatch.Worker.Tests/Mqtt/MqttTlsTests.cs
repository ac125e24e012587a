using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Mqtt;

public sealed class MqttTlsTests(TestCertificates certificates, ITestOutputHelper output) : IClassFixture<TestCertificates>
{
    [Fact]
    public async Task Tls_with_the_ca_file_verifies_the_broker_publishes_and_reconnects()
    {
        await using MosquittoBroker broker = await StartTlsBrokerAsync();
        MqttOptions options = Options(broker, "tls-ca");
        options.Tls.CaFile = certificates.CaFile;
        await using var connection = new MqttConnection(options, new TestLogger<MqttConnection>(output));
        connection.Start();

        await TestConnections.ConnectedAndDrainedAsync(connection);
        connection.Publish("ew/tls/count", "1"u8, 1, true, MessageClass.State);
        await TestConnections.FlushedThroughBrokerAsync(connection);
        ReceivedMessage received = await MosquittoClients.ReadRetainedAsync(broker, "ew/tls/count", "--cafile", certificates.CaFile);
        Assert.Equal("1", received.Text);
        Assert.Null(connection.LastError);

        await broker.RestartAsync(); // a TLS reconnection builds a new TLS context
        await Eventually.TrueAsync(() => connection.Reconnects == 1 && connection.IsConnected, "a TLS reconnection");
        Assert.Equal("online", (await MosquittoClients.ReadRetainedAsync(broker, options.AvailabilityTopic!, "--cafile", certificates.CaFile)).Text);
    }

    [Fact]
    public async Task Tls_without_the_ca_file_is_refused_with_a_certificate_error_and_retried()
    {
        await using MosquittoBroker broker = await StartTlsBrokerAsync();
        var logger = new TestLogger<MqttConnection>(output);
        await using var connection = new MqttConnection(Options(broker, "tls-noca"), logger); // trusts only the OS CAs
        connection.Start();

        await Eventually.TrueAsync(() => connection.ConnectAttempts >= 3, "three refused attempts");
        Assert.False(connection.IsConnected);
        Assert.Equal(MqttConnectionState.Failed, connection.State);
        Assert.Equal("TLS: certificate verify failed", connection.LastError);
        Assert.Contains("certificate verify failed", Assert.Single(logger.At(LogLevel.Warning)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_insecure_accepts_an_unverifiable_certificate_and_warns()
    {
        await using MosquittoBroker broker = await StartTlsBrokerAsync();
        var logger = new TestLogger<MqttConnection>(output);
        MqttOptions options = Options(broker, "tls-insecure");
        options.Tls.Insecure = true;
        await using var connection = new MqttConnection(options, logger);
        connection.Start();

        await TestConnections.ConnectedAndDrainedAsync(connection);
        Assert.Contains(logger.At(LogLevel.Warning), w => w.Contains("Mqtt:Tls:Insecure", StringComparison.Ordinal));
        await broker.RestartAsync();
        await Eventually.TrueAsync(() => connection.Reconnects == 1 && connection.IsConnected, "a TLS reconnection");
    }

    private static MqttOptions Options(MosquittoBroker broker, string name)
    {
        MqttOptions options = TestConnections.Options(broker, name);
        options.Host = "localhost"; // the name the certificate is checked against
        options.Tls = new MqttTlsOptions { Enabled = true };
        return options;
    }

    private Task<MosquittoBroker> StartTlsBrokerAsync() =>
        MosquittoBroker.StartAsync([$"certfile {certificates.ServerCertFile}", $"keyfile {certificates.ServerKeyFile}"]);
}
