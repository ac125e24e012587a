namespace EdgeWatch.Worker.Mqtt;

/// <summary>The events thread: raises Connected/Disconnected and runs subscription handlers, off the network thread.</summary>
public sealed partial class MqttConnection
{
    /// <summary>Queues an item for the events thread; false once shutdown has closed the queue.</summary>
    private bool Post(object item)
    {
        try
        {
            return _events.TryAdd(item);
        }
        catch (InvalidOperationException)
        {
            return false; // CompleteAdding was called (ObjectDisposedException derives from this too): shutting down
        }
    }

    private void RunEventLoop()
    {
        try
        {
            foreach (object item in _events.GetConsumingEnumerable())
            {
                switch (item)
                {
                    case MqttIncomingMessage message:
                        Interlocked.Decrement(ref _incomingBacklog);
                        Deliver(message);
                        break;
                    case MqttConnectedEventArgs connected:
                        Raise(Connected, connected, nameof(Connected));
                        break;
                    case MqttDisconnectedEventArgs disconnected:
                        Raise(Disconnected, disconnected, nameof(Disconnected));
                        break;
                }
            }
        }
        finally
        {
            _eventsStopped.TrySetResult();
        }
    }

    /// <summary>Invokes each handler separately so one that throws does not starve the others.</summary>
    private void Raise<TArgs>(EventHandler<TArgs>? handlers, TArgs args, string name)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (EventHandler<TArgs> handler in handlers.GetInvocationList().Cast<EventHandler<TArgs>>())
        {
            try
            {
                handler(this, args);
            }
#pragma warning disable CA1031 // A subscriber's bug must not stop the events thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                MqttLog.HandlerFailed(_logger, name, ex);
            }
        }
    }
}
