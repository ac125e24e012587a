using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Mqtt;

public sealed class MqttAuthenticationTests(ITestOutputHelper output)
{
    private const string User = "edgewatch";
    private const string RightPassword = "s3cret pass";

    [Theory]
    [InlineData("3.1.1", "not authorised (CONNACK 5)")]
    [InlineData("5", "not authorized (CONNACK 135)")]
    public async Task Wrong_password_is_reported_once_as_not_authorised_and_retried_with_backoff(string protocol, string expectedError)
    {
        await using MosquittoBroker broker = await StartPasswordBrokerAsync();
        var logger = new TestLogger<MqttConnection>(output);
        MqttOptions options = Options(broker, "wrongpw", protocol);
        options.Password = "wrong";
        await using var connection = new MqttConnection(options, logger);
        connection.Start();

        await Eventually.TrueAsync(() => connection.ConnectAttempts >= 4, "four refused attempts");
        Assert.Equal(expectedError, connection.LastError);
        Assert.Equal(MqttConnectionState.Failed, connection.State);
        Assert.False(connection.IsConnected);
        long attempts = connection.ConnectAttempts;
        await Eventually.TrueAsync(() => connection.ConnectAttempts > attempts + 1, "still retrying"); // MQTT 5: libmosquitto's own loop would have stopped here

        // One Warning naming the cause; the identical repeats are at Debug.
        string warning = Assert.Single(logger.At(LogLevel.Warning));
        Assert.Contains(expectedError, warning, StringComparison.Ordinal);
        Assert.True(logger.Entries.Count(e => e.Id.Id == 3) >= 3);
    }

    [Fact]
    public async Task Right_password_connects()
    {
        await using MosquittoBroker broker = await StartPasswordBrokerAsync();
        MqttOptions options = Options(broker, "rightpw", "3.1.1");
        options.Password = RightPassword;
        await using var connection = new MqttConnection(options, new TestLogger<MqttConnection>(output));
        connection.Start();

        await TestConnections.ConnectedAndDrainedAsync(connection);
        Assert.Equal(1, connection.ConnectAttempts);
        Assert.Null(connection.LastError);
    }

    [Fact]
    public async Task Password_file_is_read_without_its_trailing_newline_and_wins_over_Password()
    {
        await using MosquittoBroker broker = await StartPasswordBrokerAsync();
        string passwordFile = broker.Directory.File("mqtt-password");
        await File.WriteAllTextAsync(passwordFile, RightPassword + "\n"); // as `echo ... > file` or systemd-creds leave it
        var logger = new TestLogger<MqttConnection>(output);
        MqttOptions options = Options(broker, "pwfile", "5");
        options.Password = "stale password from appsettings";
        options.PasswordFile = passwordFile;
        await using var connection = new MqttConnection(options, logger);
        connection.Start();

        await TestConnections.ConnectedAndDrainedAsync(connection);
        Assert.Contains(logger.At(LogLevel.Warning), w => w.Contains("Mqtt:PasswordFile", StringComparison.Ordinal));
    }

    private static MqttOptions Options(MosquittoBroker broker, string name, string protocol)
    {
        MqttOptions options = TestConnections.Options(broker, name);
        options.Username = User;
        options.ProtocolVersion = protocol;
        options.ReconnectDelay = new MqttReconnectDelayOptions { Min = TimeSpan.FromMilliseconds(50), Max = TimeSpan.FromMilliseconds(400) };
        return options;
    }

    private static async Task<MosquittoBroker> StartPasswordBrokerAsync()
    {
        MosquittoBroker broker = MosquittoBroker.Create(["password_file PASSWORDS"], allowAnonymous: false);
        string passwords = broker.Directory.File("passwords");
        await ExternalProcess.RunCheckedAsync("mosquitto_passwd", "-c", "-b", passwords, User, RightPassword);
        broker.ReplaceConfig("PASSWORDS", passwords);
        await broker.StartAsync();
        return broker;
    }
}
