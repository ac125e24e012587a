namespace EdgeWatch.Worker.Mqtt;

/// <summary>
/// Counts the QoS 1/2 messages libmosquitto holds unacknowledged, so the connection can stop handing it more:
/// libmosquitto's own queue is unbounded, and everything it holds is re-sent after a reconnect.
/// </summary>
/// <remarks>
/// libmosquitto reports completion by message id (on_publish: QoS 0 written, QoS 1/2 acknowledged) without the QoS,
/// and the callback can run on the network thread before the publishing thread has recorded the id. One slot per
/// 16-bit id records what the id is waiting for; whichever side comes second clears it. Lock-free: the callback runs
/// with libmosquitto's callback mutex held and must never wait for a publisher.
/// </remarks>
internal sealed class InFlightLedger
{
    private const int Free = 0;
    private const int CompletedEarly = 1;
    private const int WrittenQos0 = 2;
    private const int AwaitingAck = 3;

    private readonly int[] _slots = new int[65536];
    private int _awaitingAck;

    /// <summary>QoS 1/2 messages handed to libmosquitto and not yet acknowledged by the broker.</summary>
    internal int AwaitingAckCount => Volatile.Read(ref _awaitingAck);

    /// <summary>Publisher side: libmosquitto accepted message <paramref name="mid"/>.</summary>
    internal void Accepted(int mid, int qos)
    {
        if ((uint)mid >= (uint)_slots.Length)
        {
            return;
        }

        int marker = qos == 0 ? WrittenQos0 : AwaitingAck;
        if (Interlocked.Exchange(ref _slots[mid], marker) == CompletedEarly)
        {
            Volatile.Write(ref _slots[mid], Free); // its on_publish already came
            return;
        }

        if (marker == AwaitingAck)
        {
            Interlocked.Increment(ref _awaitingAck);
        }
    }

    /// <summary>Callback side: on_publish for <paramref name="mid"/>.</summary>
    internal void Completed(int mid)
    {
        if ((uint)mid >= (uint)_slots.Length)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _slots[mid], CompletedEarly, Free) == Free)
        {
            return; // the publisher has not recorded it yet; it will see CompletedEarly
        }

        if (Interlocked.Exchange(ref _slots[mid], Free) == AwaitingAck)
        {
            Interlocked.Decrement(ref _awaitingAck);
        }
    }

    /// <summary>True while <paramref name="mid"/> is a QoS 1/2 message not yet acknowledged.</summary>
    internal bool IsAwaitingAck(int mid) => (uint)mid < (uint)_slots.Length && Volatile.Read(ref _slots[mid]) == AwaitingAck;

    /// <summary>
    /// After a reconnect: libmosquitto discarded the QoS 0 packets it had not written, so their ids never complete.
    /// QoS 1/2 messages stay: libmosquitto re-sends them.
    /// </summary>
    internal void ForgetUnwrittenQos0()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            Interlocked.CompareExchange(ref _slots[i], Free, WrittenQos0);
        }
    }
}
