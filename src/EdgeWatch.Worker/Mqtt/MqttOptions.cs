namespace EdgeWatch.Worker.Mqtt;

/// <summary>The broker connection, configuration section <c>Mqtt</c>.</summary>
public sealed class MqttOptions
{
    public const string SectionName = "Mqtt";

    /// <summary>Broker host name or address.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Broker port; unset means 1883, or 8883 when <see cref="MqttTlsOptions.Enabled"/>.</summary>
    public int? Port { get; set; }

    /// <summary>MQTT client id; unset means <c>edgewatch-&lt;hostname&gt;</c>.</summary>
    public string? ClientId { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// A file holding the password (e.g. a systemd credential under $CREDENTIALS_DIRECTORY). Trailing CR/LF are
    /// trimmed. When set it wins over <see cref="Password"/> (a warning says so if both are set), so a credential
    /// can override a password left in a configuration file.
    /// </summary>
    public string? PasswordFile { get; set; }

    /// <summary>Keep-alive interval; the broker drops us (and fires the will) after 1.5 times this without traffic.</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary><c>3.1.1</c> or <c>5</c>.</summary>
    public string ProtocolVersion { get; set; } = "3.1.1";

    /// <summary>
    /// Retained availability topic: <c>online</c> after every connection, <c>offline</c> on clean shutdown and as the
    /// last will. Unset means <c>edgewatch/&lt;ClientId&gt;/availability</c>.
    /// </summary>
    public string? AvailabilityTopic { get; set; }

    /// <summary>First level of every EdgeWatch topic: <c>&lt;Prefix&gt;/&lt;node&gt;/…</c>.</summary>
    public string Prefix { get; set; } = "edgewatch";

    /// <summary>Also publish frames in which nothing was detected (off: a quiet camera sends nothing).</summary>
    public bool PublishEmptyFrames { get; set; }

    public MqttTlsOptions Tls { get; set; } = new();

    public MqttQueueLimitOptions QueueLimit { get; set; } = new();

    public MqttReconnectDelayOptions ReconnectDelay { get; set; } = new();

    internal int EffectivePort => Port ?? (Tls.Enabled ? 8883 : 1883);

    internal string EffectiveClientId =>
        string.IsNullOrWhiteSpace(ClientId) ? $"edgewatch-{Environment.MachineName.ToLowerInvariant()}" : ClientId;

    internal string EffectiveAvailabilityTopic =>
        string.IsNullOrWhiteSpace(AvailabilityTopic) ? $"edgewatch/{EffectiveClientId}/availability" : AvailabilityTopic;

    internal bool IsMqtt5 => ProtocolVersion == "5";
}
