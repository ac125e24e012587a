using EdgeWatch.Worker.Interop.Mosquitto;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>
/// Clean shutdown: flush, publish <c>offline</c> (retained), wait boundedly for the broker to confirm it, then
/// DISCONNECT. If <c>offline</c> is not confirmed in time the socket is closed without DISCONNECT, so the broker
/// publishes the last will (also <c>offline</c>) and the availability topic never stays <c>online</c>.
/// </summary>
public sealed partial class MqttConnection
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopTimeout = DeliveryTimeout + DisconnectTimeout + TimeSpan.FromSeconds(2);
    private static readonly TimeSpan EventsStopTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Says goodbye and disconnects; bounded by a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!BeginDispose())
        {
            return;
        }

        bool stopped = _networkThread is null
            || await Task.WhenAny(_networkStopped.Task, Task.Delay(StopTimeout)).ConfigureAwait(false) == _networkStopped.Task;
        EndDispose(stopped);
        bool eventsStopped = _eventThread is null
            || await Task.WhenAny(_eventsStopped.Task, Task.Delay(EventsStopTimeout)).ConfigureAwait(false) == _eventsStopped.Task;
        if (eventsStopped)
        {
            _events.Dispose();
        }
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>; blocks for at most a few seconds.</summary>
    public void Dispose()
    {
        if (!BeginDispose())
        {
            return;
        }

        bool stopped = _networkThread is null || _networkThread.Join(StopTimeout);
        EndDispose(stopped);
        if (_eventThread is null || _eventThread.Join(EventsStopTimeout))
        {
            _events.Dispose();
        }
    }

    private bool BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        _stopSignal.Set(); // the network thread runs CloseSession and exits
        return true;
    }

    private void EndDispose(bool networkStopped)
    {
        if (!networkStopped)
        {
            MqttLog.NetworkThreadStuck(_logger, StopTimeout.TotalSeconds);
        }

        // Safe even if the thread is stuck inside libmosquitto: the SafeHandle defers mosquitto_destroy until the
        // call in progress returns, and the thread's next call fails with ObjectDisposedException and ends it.
        _handle.Dispose();
        lock (_outboxLock)
        {
            int discarded = _outbox.Clear();
            if (discarded > 0)
            {
                MqttLog.DiscardedAtShutdown(_logger, discarded);
            }
        }

        _events.CompleteAdding(); // the events thread drains what is queued and ends
        SetState(MqttConnectionState.Disconnected);
        if (networkStopped)
        {
            _stopSignal.Dispose();
        }
    }

    /// <summary>Network thread, after the stop signal.</summary>
    private void CloseSession()
    {
        if (!_sessionUp)
        {
            return; // never connected, or between attempts: destroying the client closes any half-open socket
        }

        long deadline = Environment.TickCount64 + (long)DeliveryTimeout.TotalMilliseconds;
        int offlineMid = -1;
        while (_sessionUp && Environment.TickCount64 < deadline)
        {
            FlushOutbox();
            if (offlineMid < 0 && OutboxIsEmpty())
            {
                offlineMid = PublishDirect(_availabilityTopicUtf8, OfflinePayload, 1, true);
            }

            if (offlineMid >= 0 && _ledger.AwaitingAckCount == 0)
            {
                break;
            }

            ServiceDuringShutdown();
        }

        bool offlineConfirmed = _sessionUp && offlineMid >= 0 && !_ledger.IsAwaitingAck(offlineMid);
        if (offlineConfirmed)
        {
            if (Libmosquitto.mosquitto_disconnect(_handle) == (int)MosquittoError.Success)
            {
                deadline = Environment.TickCount64 + (long)DisconnectTimeout.TotalMilliseconds;
                while (_sessionUp && Environment.TickCount64 < deadline)
                {
                    ServiceDuringShutdown();
                }
            }

            MqttLog.Closed(_logger);
        }
        else if (_sessionUp)
        {
            MqttLog.OfflineNotConfirmed(_logger, DeliveryTimeout.TotalSeconds);
        }

        _sessionUp = false;
        _linkUp = false;
        _open = false;
    }

    private void ServiceDuringShutdown()
    {
        int rc = Libmosquitto.mosquitto_loop(_handle, 20, 1);
        if (rc != (int)MosquittoError.Success || _disconnectSeen)
        {
            _sessionUp = false;
            _linkUp = false;
            _open = false;
        }
    }

    private bool OutboxIsEmpty()
    {
        lock (_outboxLock)
        {
            return _outbox.IsEmpty;
        }
    }
}
