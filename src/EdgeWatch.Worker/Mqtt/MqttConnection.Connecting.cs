using System.Runtime.InteropServices;
using EdgeWatch.Worker.Interop.Mosquitto;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>
/// The network thread: connection attempts with backoff, mosquitto_loop, and what follows a CONNACK or a loss.
/// </summary>
/// <remarks>
/// The loop is ours rather than mosquitto_loop_start's because libmosquitto's own thread gives up in cases this
/// daemon must survive: it never retries when the first connect fails, and it exits for good on a TLS error or an
/// MQTT 5 refusal (CONNACK 135 ends in MOSQ_ERR_PROTOCOL). Here every failure, of any kind, is retried with
/// exponential backoff, and nothing reconnects from inside a callback.
/// </remarks>
public sealed partial class MqttConnection
{
    private const int LoopTimeoutMs = 100;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FailureReminderInterval = TimeSpan.FromMinutes(5);

    // Network thread only (the callbacks that touch them run on it too, inside mosquitto_loop).
    private bool _socketActive;
    private bool _sessionUp;
    private bool _hostConfigured;
    private long _attemptStartedAt;
    private long _session;
    private int? _connackCode;
    private string? _refusal;
    private string? _tlsDetail;
    private bool _disconnectSeen;
    private int _disconnectCode;
    private int _disconnectErrno;
    private string? _reportedFailure;
    private long _reportedAt;

    private void RunNetworkLoop()
    {
        long nextAttemptAt = Environment.TickCount64;
        try
        {
            while (!_stopSignal.IsSet)
            {
                try
                {
                    TimeSpan? retryIn;
                    if (!_socketActive)
                    {
                        long wait = nextAttemptAt - Environment.TickCount64;
                        if (wait > 0 && _stopSignal.Wait(TimeSpan.FromMilliseconds(wait)))
                        {
                            break;
                        }

                        retryIn = BeginAttempt();
                    }
                    else
                    {
                        retryIn = Service(LoopTimeoutMs);
                    }

                    if (retryIn is { } delay)
                    {
                        nextAttemptAt = Environment.TickCount64 + (long)delay.TotalMilliseconds;
                    }
                }
                catch (ObjectDisposedException)
                {
                    return; // the handle was released under us: shutdown gave up waiting for this thread
                }
#pragma warning disable CA1031 // A bug here must not end the connection for good: log, pause, carry on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    MqttLog.NetworkLoopFailed(_logger, ex);
                    _ = _stopSignal.Wait(TimeSpan.FromSeconds(1));
                }
            }

            CloseSession();
        }
        catch (ObjectDisposedException)
        {
            // Released under us during shutdown; nothing left to close.
        }
        finally
        {
            _networkStopped.TrySetResult();
        }
    }

    /// <summary>Starts one connection attempt; returns the retry delay if it failed at once.</summary>
    private TimeSpan? BeginAttempt()
    {
        Interlocked.Increment(ref _connectAttempts);
        if (State != MqttConnectionState.Failed)
        {
            SetState(MqttConnectionState.Connecting); // Failed stays until an attempt succeeds or fails differently
        }
        _refusal = null;
        _tlsDetail = null;
        _connackCode = null;
        _disconnectSeen = false;
        _disconnectErrno = 0;
        _attemptStartedAt = Environment.TickCount64;

        // The first call stores host, port and keep-alive; later attempts reuse them. When that first call fails
        // (broker down), libmosquitto's loop would never retry on its own: this loop calls reconnect_async again.
        int rc = _hostConfigured
            ? Libmosquitto.mosquitto_reconnect_async(_handle)
            : Libmosquitto.mosquitto_connect_async(_handle, _host, _port, _options.KeepAliveSeconds);
        int errno = Marshal.GetLastPInvokeError();
        _hostConfigured |= rc != (int)MosquittoError.Invalid;
        if (rc == (int)MosquittoError.Success)
        {
            _socketActive = true;
            return null;
        }

        return AttemptFailed(rc, errno);
    }

    /// <summary>One turn of mosquitto_loop and the work it made due; returns the retry delay if the socket closed.</summary>
    private TimeSpan? Service(int timeoutMs)
    {
        int rc = Libmosquitto.mosquitto_loop(_handle, timeoutMs, 1);
        int errno = Marshal.GetLastPInvokeError();

        if (_connackCode is int code)
        {
            _connackCode = null;
            if (code == 0)
            {
                EstablishSession();
            }
            else
            {
                _refusal = MosquittoStatus.DescribeConnack(code, _options.IsMqtt5);
            }
        }

        if (rc != (int)MosquittoError.Success || _disconnectSeen)
        {
            return SocketClosed(
                rc != (int)MosquittoError.Success ? rc : _disconnectCode,
                _disconnectErrno != 0 ? _disconnectErrno : errno);
        }

        if (!_sessionUp && Environment.TickCount64 - _attemptStartedAt > (long)ConnectTimeout.TotalMilliseconds)
        {
            _socketActive = false; // the next reconnect_async closes the stale socket
            return AttemptFailed($"no CONNACK from the broker within {ConnectTimeout.TotalSeconds:0} s", needsOperator: false);
        }

        if (_sessionUp)
        {
            SendPendingSubscriptions(newSession: false);
            FlushOutbox();
        }

        return null;
    }

    /// <summary>CONNACK accepted: availability, subscriptions, outbox, then tell the higher layers.</summary>
    private void EstablishSession()
    {
        _backoff.Reset();
        _sessionUp = true;
        long session = ++_session;
        if (session > 1)
        {
            Interlocked.Increment(ref _reconnects);
        }

        _ledger.ForgetUnwrittenQos0();
        _linkUp = true;
        _ = PublishDirect(_availabilityTopicUtf8, OnlinePayload, 1, true);
        SendPendingSubscriptions(newSession: true);
        FlushOutbox();
        SetState(MqttConnectionState.Connected);
        _reportedFailure = null;
        MqttLog.Connected(_logger, _host, _port, ClientId, _options.ProtocolVersion, session);
        Post(new MqttConnectedEventArgs(session));
    }

    /// <summary>The socket closed: either an established session was lost or an attempt failed.</summary>
    private TimeSpan SocketClosed(int rc, int errno)
    {
        _socketActive = false;
        _linkUp = false;
        _open = false;
        _disconnectSeen = false;
        if (!_sessionUp)
        {
            return AttemptFailed(rc, errno);
        }

        _sessionUp = false;
        string cause = MosquittoStatus.Describe(rc, errno);
        RecordError($"connection lost: {cause}");
        SetState(MqttConnectionState.Disconnected);
        _backoff.Reset();
        TimeSpan delay = _backoff.Next();
        MqttLog.ConnectionLost(_logger, _host, _port, cause, delay.TotalSeconds);
        _reportedFailure = null;
        Post(new MqttDisconnectedEventArgs(cause));
        return delay;
    }

    private TimeSpan AttemptFailed(int rc, int errno)
    {
        if (_refusal is not null)
        {
            return AttemptFailed(_refusal, needsOperator: true);
        }

        if (_tlsDetail is not null || rc is (int)MosquittoError.Tls or (int)MosquittoError.TlsHandshake)
        {
            return AttemptFailed($"TLS: {_tlsDetail ?? MosquittoStatus.Describe(rc, errno)}", needsOperator: true);
        }

        return AttemptFailed(MosquittoStatus.Describe(rc, errno), needsOperator: false);
    }

    /// <summary>
    /// Records a failed attempt and schedules the next. A new kind of failure is logged once at Warning; identical
    /// repeats go to Debug, with a Warning reminder every few minutes while it lasts.
    /// </summary>
    private TimeSpan AttemptFailed(string reason, bool needsOperator)
    {
        RecordError(reason);
        SetState(needsOperator ? MqttConnectionState.Failed : MqttConnectionState.Disconnected);
        TimeSpan delay = _backoff.Next();
        long now = Environment.TickCount64;
        if (!string.Equals(reason, _reportedFailure, StringComparison.Ordinal))
        {
            _reportedFailure = reason;
            _reportedAt = now;
            MqttLog.ConnectFailed(_logger, _host, _port, reason, delay.TotalSeconds);
        }
        else if (now - _reportedAt >= (long)FailureReminderInterval.TotalMilliseconds)
        {
            _reportedAt = now;
            MqttLog.StillFailing(_logger, _host, _port, ConnectAttempts, reason);
        }
        else
        {
            MqttLog.ConnectFailedAgain(_logger, _host, _port, reason, ConnectAttempts, delay.TotalSeconds);
        }

        return delay;
    }
}
