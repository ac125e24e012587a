namespace EdgeWatch.Worker.Mqtt;

/// <summary>Raised after every successful (re)connection, once availability is online and subscriptions are restored.</summary>
public sealed class MqttConnectedEventArgs(long session) : EventArgs
{
    /// <summary>1 for the first connection, 2 for the first reconnection, and so on.</summary>
    public long Session { get; } = session;

    /// <summary>True when this is not the first connection: retained states and discovery should be published again.</summary>
    public bool IsReconnect => Session > 1;
}
