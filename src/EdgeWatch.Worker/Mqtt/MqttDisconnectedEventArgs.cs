namespace EdgeWatch.Worker.Mqtt;

/// <summary>Raised when an established connection is lost (not for failed attempts, not for a clean shutdown).</summary>
public sealed class MqttDisconnectedEventArgs(string reason) : EventArgs
{
    /// <summary>Why, e.g. "The connection was lost.".</summary>
    public string Reason { get; } = reason;
}
