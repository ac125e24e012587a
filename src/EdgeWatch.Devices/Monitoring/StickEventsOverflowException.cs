namespace EdgeWatch.Devices.Monitoring;

/// <summary>
/// Ends a <see cref="StickSubscription"/> whose reader fell too far behind: the events it already holds are
/// still delivered, then reading throws this. Subscribe again to get the current sticks as Added events.
/// </summary>
public sealed class StickEventsOverflowException : Exception
{
    /// <summary>Creates the exception with the capacity that was exceeded.</summary>
    public StickEventsOverflowException(int capacity)
        : base($"More than {capacity} stick events were waiting unread; the subscription was closed. Subscribe again to resynchronise.")
    {
        Capacity = capacity;
    }

    /// <summary>The subscriber capacity (<c>Devices:SubscriberCapacity</c>) that was exceeded.</summary>
    public int Capacity { get; }
}
