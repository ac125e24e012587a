namespace EdgeWatch.Worker.Mqtt;

/// <summary>TLS to the broker, configuration section <c>Mqtt:Tls</c>.</summary>
public sealed class MqttTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>PEM file of the CA(s) to trust; unset means the operating system's trusted CAs.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate, for brokers that require one; needs <see cref="KeyFile"/>.</summary>
    public string? CertFile { get; set; }

    /// <summary>PEM private key of <see cref="CertFile"/> (unencrypted).</summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// Accept any server certificate (self-signed, wrong host name) without verification. The traffic is still
    /// encrypted but not authenticated; a warning is logged.
    /// </summary>
    public bool Insecure { get; set; }
}
