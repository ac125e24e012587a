using EdgeWatch.Worker.Interop.Mosquitto;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>
/// libmosquitto's callbacks. They run on the network thread inside mosquitto_loop with the library's callback
/// mutex held (the log callback may also run on a publishing thread), so they only record facts for the loop to act
/// on after mosquitto_loop returns; nothing here publishes, subscribes, reconnects or runs user code.
/// </summary>
public sealed partial class MqttConnection
{
    private void HandleConnect(int resultCode) => _connackCode = resultCode;

    private void HandleDisconnect(int resultCode, int errno)
    {
        // Stop publishers from handing libmosquitto more messages at once; the loop does the rest.
        _open = false;
        _linkUp = false;
        _disconnectSeen = true;
        _disconnectCode = resultCode;
        _disconnectErrno = errno;
    }

    /// <summary>Library debug lines (one per packet) go to Trace; everything else to Debug.</summary>
    private static LogLevel LibraryLogLevel(MosquittoLogLevel level) => level == MosquittoLogLevel.Debug ? LogLevel.Trace : LogLevel.Debug;

    /// <summary>Errors are always wanted: they carry the TLS failure's cause.</summary>
    private bool WantsLibraryLog(MosquittoLogLevel level) =>
        level == MosquittoLogLevel.Error || _logger.IsEnabled(LibraryLogLevel(level));

    private void HandleLibraryLog(MosquittoLogLevel level, string text)
    {
        // The first OpenSSL error of an attempt is its cause, e.g. "...:SSL routines::certificate verify failed".
        // TLS runs on the network thread; only that thread touches the attempt's state.
        if (level == MosquittoLogLevel.Error && _tlsDetail is null && Thread.CurrentThread == _networkThread
            && text.Contains("OpenSSL Error", StringComparison.Ordinal))
        {
            string detail = text[(text.LastIndexOf(':') + 1)..].Trim();
            _tlsDetail = detail.Length > 0 ? detail : text;
        }

        LogLevel logLevel = LibraryLogLevel(level);
        if (_logger.IsEnabled(logLevel))
        {
            MqttLog.Library(_logger, logLevel, text);
        }
    }

    /// <summary>The GCHandle target: forwards decoded callbacks to the connection.</summary>
    private sealed class CallbackTarget(MqttConnection owner) : IMosquittoCallbackTarget
    {
        public void OnConnect(int resultCode) => owner.HandleConnect(resultCode);

        public void OnDisconnect(int resultCode, int errno) => owner.HandleDisconnect(resultCode, errno);

        public void OnPublish(int messageId) => owner._ledger.Completed(messageId);

        public void OnMessage(string topic, ReadOnlySpan<byte> payload, int qos, bool retain) =>
            owner.HandleMessage(topic, payload, qos, retain);

        public void OnSubscribe(int messageId, ReadOnlySpan<int> grantedQos) =>
            owner.HandleSubscribeAcknowledged(messageId, grantedQos);

        public bool WantsLog(MosquittoLogLevel level) => owner.WantsLibraryLog(level);

        public void OnLog(MosquittoLogLevel level, string message) => owner.HandleLibraryLog(level, message);

        public void OnCallbackFailed(string callback, Exception exception) =>
            MqttLog.CallbackFailed(owner._logger, callback, exception);
    }
}
