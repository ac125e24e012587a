using EdgeWatch.Worker.Interop.Mosquitto;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>Subscriptions: remembered, sent on every session, delivered on the events thread.</summary>
public sealed partial class MqttConnection
{
    private const int IncomingBacklogLimit = 1000;

    private readonly Lock _subscriptionsLock = new();
    private readonly Dictionary<int, string> _subscribeRequests = []; // network thread only
    private MqttSubscription[] _subscriptions = []; // copy-on-write, read without the lock
    private volatile bool _subscriptionsChanged;
    private int _incomingBacklog;
    private long _incomingDropped;

    /// <summary>
    /// Subscribes to <paramref name="topicFilter"/> now (if connected) and again after every reconnection.
    /// <paramref name="handler"/> runs on the events thread for every message whose topic matches the filter.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid filter or QoS.</exception>
    public void Subscribe(string topicFilter, int qos, Action<MqttIncomingMessage> handler)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfNegative(qos);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qos, 2);
        int rc = Libmosquitto.mosquitto_sub_topic_check(topicFilter);
        if (rc != (int)MosquittoError.Success)
        {
            throw new ArgumentException($"'{topicFilter}' is not a valid MQTT topic filter: {MosquittoStatus.Describe(rc)}", nameof(topicFilter));
        }

        lock (_subscriptionsLock)
        {
            _subscriptions = [.. _subscriptions, new MqttSubscription(topicFilter, qos, handler)];
        }

        _subscriptionsChanged = true; // the network thread sends it on its next turn
    }

    /// <summary>Network thread: sends every subscription not yet sent in the current session.</summary>
    private unsafe void SendPendingSubscriptions(bool newSession)
    {
        if (!newSession && !_subscriptionsChanged)
        {
            return;
        }

        _subscriptionsChanged = false;
        foreach (MqttSubscription subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.SentInSession == _session)
            {
                continue;
            }

            int mid = 0;
            int rc = Libmosquitto.mosquitto_subscribe(_handle, &mid, subscription.TopicFilter, subscription.Qos);
            if (rc == (int)MosquittoError.Success)
            {
                subscription.SentInSession = _session;
                _subscribeRequests[mid] = subscription.TopicFilter;
            }
            else
            {
                MqttLog.SubscribeFailed(_logger, subscription.TopicFilter, MosquittoStatus.Describe(rc));
            }
        }
    }

    /// <summary>Callback (network thread): SUBACK.</summary>
    private void HandleSubscribeAcknowledged(int mid, ReadOnlySpan<int> grantedQos)
    {
        if (!_subscribeRequests.Remove(mid, out string? topicFilter))
        {
            return;
        }

        foreach (int granted in grantedQos)
        {
            if (granted >= 0x80)
            {
                MqttLog.SubscriptionRefused(_logger, topicFilter);
            }
        }
    }

    /// <summary>Callback (network thread): copies the message and hands it to the events thread, bounded.</summary>
    private void HandleMessage(string topic, ReadOnlySpan<byte> payload, int qos, bool retain)
    {
        if (Interlocked.Increment(ref _incomingBacklog) > IncomingBacklogLimit)
        {
            Interlocked.Decrement(ref _incomingBacklog);
            long dropped = Interlocked.Increment(ref _incomingDropped);
            if (dropped == 1 || dropped % 1000 == 0)
            {
                MqttLog.IncomingDropped(_logger, dropped);
            }

            return;
        }

        if (!Post(new MqttIncomingMessage(topic, payload.ToArray(), qos, retain)))
        {
            Interlocked.Decrement(ref _incomingBacklog);
        }
    }

    /// <summary>Events thread: runs the handler of every subscription that matches.</summary>
    private void Deliver(MqttIncomingMessage message)
    {
        foreach (MqttSubscription subscription in Volatile.Read(ref _subscriptions))
        {
            if (Libmosquitto.mosquitto_topic_matches_sub(subscription.TopicFilter, message.Topic, out bool matches) != (int)MosquittoError.Success
                || !matches)
            {
                continue;
            }

            try
            {
                subscription.Handler(message);
            }
#pragma warning disable CA1031 // A subscriber's bug must not stop delivery to the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                MqttLog.HandlerFailed(_logger, $"message ({subscription.TopicFilter})", ex);
            }
        }
    }
}
