using EdgeWatch.Worker.Mqtt;
using EdgeWatch.Worker.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Mqtt;

public sealed class MqttOptionsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Port", "0", "Mqtt:Port must be 1..65535")]
    [InlineData("Port", "70000", "Mqtt:Port must be 1..65535")]
    [InlineData("KeepAliveSeconds", "2", "Mqtt:KeepAliveSeconds must be 5..65535")]
    [InlineData("ProtocolVersion", "3.1", "Mqtt:ProtocolVersion must be \"3.1.1\" or \"5\"")]
    [InlineData("Host", "", "Mqtt:Host must not be empty")]
    [InlineData("AvailabilityTopic", "edgewatch/+/availability", "Mqtt:AvailabilityTopic must be a topic name without wildcards")]
    [InlineData("QueueLimit:Messages", "0", "Mqtt:QueueLimit:Messages must be at least 1")]
    [InlineData("ReconnectDelay:Min", "00:00:00", "Mqtt:ReconnectDelay:Min must be positive")]
    [InlineData("ReconnectDelay:Max", "00:00:00.5", "Mqtt:ReconnectDelay:Max must be at least Mqtt:ReconnectDelay:Min")]
    [InlineData("Tls:CaFile", "/nonexistent/ca.crt", "Mqtt:Tls:CaFile '/nonexistent/ca.crt' does not exist")]
    [InlineData("Password", "x", "Mqtt:Username is required when Mqtt:Password or Mqtt:PasswordFile is set")]
    public void A_bad_setting_stops_the_host_at_start_with_a_message_naming_its_key(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"Mqtt:{key}"] = value, ["Mqtt:Tls:Enabled"] = "true" })
            .Build();
        using ServiceProvider services = new ServiceCollection().AddLogging().AddMqttConnection(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MqttOptions>>().Value);
        Assert.Contains(expected, failure.Failures);
    }

    [Fact]
    public void Defaults_are_valid_and_derive_port_client_id_and_availability_topic()
    {
        var options = new MqttOptions();
        Assert.True(new MqttOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(1883, options.EffectivePort);
        options.Tls.Enabled = true;
        Assert.Equal(8883, options.EffectivePort);
        Assert.Equal($"edgewatch-{Environment.MachineName.ToLowerInvariant()}", options.EffectiveClientId);
        Assert.Equal($"edgewatch/{options.EffectiveClientId}/availability", options.EffectiveAvailabilityTopic);
    }

    [Theory]
    [InlineData("secret\n", "secret")]
    [InlineData("secret\r\n", "secret")]
    [InlineData("pass with trailing space \n\n", "pass with trailing space ")]
    [InlineData("no newline", "no newline")]
    public void Password_file_loses_only_its_trailing_line_endings(string content, string expected)
    {
        using var directory = new TempDirectory("pwfile");
        File.WriteAllText(directory.File("password"), content);
        Assert.Equal(expected, MqttPasswordFile.TryRead(directory.File("password"), out string? error));
        Assert.Null(error);
    }

    [Fact]
    public void Unreadable_password_file_fails_with_an_error_naming_the_key()
    {
        using var directory = new TempDirectory("pwfile");
        var options = new MqttOptions { Username = "edgewatch", PasswordFile = directory.File("missing") };

        var failure = Assert.Throws<OptionsValidationException>(() => new MqttConnection(options, new TestLogger<MqttConnection>(output)));
        string message = Assert.Single(failure.Failures);
        Assert.StartsWith($"Mqtt:PasswordFile '{directory.File("missing")}' cannot be read: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publishing_to_an_invalid_topic_is_refused_before_anything_is_queued()
    {
        using var connection = new MqttConnection(new MqttOptions { Port = 1 }, new TestLogger<MqttConnection>(output));
        Assert.Throws<ArgumentException>(() => connection.Publish("ew/+/count", "1"u8, 0, false, MessageClass.State));
        Assert.Throws<ArgumentException>(() => connection.Publish("", "1"u8, 0, false, MessageClass.State));
        Assert.Throws<ArgumentOutOfRangeException>(() => connection.Publish("ew/count", "1"u8, 3, false, MessageClass.State));
        Assert.Throws<ArgumentException>(() => connection.Subscribe("ew/#/bad", 0, _ => { }));
        Assert.Equal(0, connection.Status.QueuedMessages);
    }

    [Fact]
    public void A_disposed_connection_refuses_to_publish()
    {
        var connection = new MqttConnection(new MqttOptions { Port = 1 }, new TestLogger<MqttConnection>(output));
        connection.Dispose();
        Assert.Throws<ObjectDisposedException>(() => connection.Publish("ew/count", "1"u8, 0, false, MessageClass.State));
        Assert.Equal(MqttConnectionState.Disconnected, connection.State);
    }
}
