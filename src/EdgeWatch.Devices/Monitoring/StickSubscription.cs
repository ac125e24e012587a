using System.Threading.Channels;

namespace EdgeWatch.Devices.Monitoring;

/// <summary>
/// One consumer's ordered stream of <see cref="StickEvent"/>s. It starts with an Added event for every stick
/// present when it was created, then carries every change, so replaying it onto an empty set always yields the
/// monitor's inventory at some moment. Dispose to unsubscribe.
/// </summary>
/// <remarks>
/// The stream completes when the monitor stops, or (with <see cref="StickEventsOverflowException"/>) if more than
/// <see cref="StickMonitorOptions.SubscriberCapacity"/> events pile up unread. The events already queued are
/// delivered first; then <see cref="ReadAllAsync"/>, <c>WaitToReadAsync</c> and <c>Completion</c> throw the
/// overflow exception itself, while <c>ReadAsync</c> throws a <see cref="ChannelClosedException"/> wrapping it.
/// </remarks>
public sealed class StickSubscription : IDisposable
{
    private readonly Channel<StickEvent> _channel;
    private readonly Action<StickSubscription> _unsubscribe;

    internal StickSubscription(int capacity, Action<StickSubscription> unsubscribe)
    {
        // Bounded, and never silently dropping: Offer() reports a full queue and the monitor ends the subscription.
        _channel = Channel.CreateBounded<StickEvent>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _unsubscribe = unsubscribe;
        Capacity = capacity;
    }

    /// <summary>The events, in order.</summary>
    public ChannelReader<StickEvent> Events => _channel.Reader;

    internal int Capacity { get; }

    /// <summary>Reads the events as an async stream until the subscription ends.</summary>
    public IAsyncEnumerable<StickEvent> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Stops delivery; events already queued can still be read.</summary>
    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    /// <summary>Queues an event; false when the subscriber is too far behind.</summary>
    internal bool Offer(StickEvent stickEvent) => _channel.Writer.TryWrite(stickEvent);

    internal void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);
}
