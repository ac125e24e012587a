namespace EdgeWatch.Worker.Mqtt;

/// <summary>A libmosquitto call failed; the message is the library's own text for <see cref="ErrorCode"/>.</summary>
public sealed class MqttException : IOException
{
    public MqttException()
    {
    }

    public MqttException(string message)
        : base(message)
    {
    }

    public MqttException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MqttException(string message, int errorCode)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The MOSQ_ERR_* value the library returned.</summary>
    public int ErrorCode { get; }
}
