using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>The MQTT connection's log messages.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Connected to MQTT broker {Host}:{Port} as {ClientId} (MQTT {Protocol}, session {Session})")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, string protocol, long session);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Cannot connect to MQTT broker {Host}:{Port}: {Reason}; retrying in {Delay:0.0} s (identical failures are logged at Debug)")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, string reason, double delay);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "Still cannot connect to MQTT broker {Host}:{Port}: {Reason} (attempt {Attempt}); retrying in {Delay:0.0} s")]
    public static partial void ConnectFailedAgain(ILogger logger, string host, int port, string reason, long attempt, double delay);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Still cannot connect to MQTT broker {Host}:{Port} after {Attempts} attempts: {Reason}")]
    public static partial void StillFailing(ILogger logger, string host, int port, long attempts, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Lost the connection to MQTT broker {Host}:{Port}: {Reason}; reconnecting in {Delay:0.0} s")]
    public static partial void ConnectionLost(ILogger logger, string host, int port, string reason, double delay);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Mqtt:Tls:Insecure is set: the broker's certificate is not verified (self-signed certificates and wrong host names are accepted); the connection is encrypted but not authenticated")]
    public static partial void TlsInsecure(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning,
        Message = "Both Mqtt:Password and Mqtt:PasswordFile are set; using the password from {PasswordFile}")]
    public static partial void PasswordFileWins(ILogger logger, string passwordFile);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error,
        Message = "libmosquitto rejected a queued message to {Topic} and it was dropped: {Reason}")]
    public static partial void QueuedMessageRejected(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "The MQTT broker refused the subscription to {TopicFilter}")]
    public static partial void SubscriptionRefused(ILogger logger, string topicFilter);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Subscribing to {TopicFilter} failed: {Reason}")]
    public static partial void SubscribeFailed(ILogger logger, string topicFilter, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "An MQTT {Handler} handler threw")]
    public static partial void HandlerFailed(ILogger logger, string handler, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "The libmosquitto callback {Callback} threw")]
    public static partial void CallbackFailed(ILogger logger, string callback, Exception exception);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning,
        Message = "Incoming MQTT messages arrive faster than their handlers run; dropping ({Dropped} dropped so far)")]
    public static partial void IncomingDropped(ILogger logger, long dropped);

    [LoggerMessage(EventId = 14, Message = "libmosquitto: {Text}")]
    public static partial void Library(ILogger logger, LogLevel level, string text);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning,
        Message = "Availability 'offline' was not confirmed by the broker within {Timeout} s; closing without DISCONNECT so the broker publishes the last will instead")]
    public static partial void OfflineNotConfirmed(ILogger logger, double timeout);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Discarding {Count} queued MQTT messages at shutdown")]
    public static partial void DiscardedAtShutdown(ILogger logger, int count);

    [LoggerMessage(EventId = 17, Level = LogLevel.Error, Message = "The MQTT network loop failed; retrying")]
    public static partial void NetworkLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 18, Level = LogLevel.Error,
        Message = "The MQTT network thread did not stop within {Timeout} s; the client is released when its current call returns")]
    public static partial void NetworkThreadStuck(ILogger logger, double timeout);

    [LoggerMessage(EventId = 19, Level = LogLevel.Debug, Message = "MQTT connection closed cleanly")]
    public static partial void Closed(ILogger logger);
}
