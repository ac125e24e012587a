using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Devices.Uevents;

/// <summary>
/// Reads uevent datagrams from a socket until stopped: the kernel's netlink socket in production, one end of a
/// Unix datagram pair in tests. Whatever arrives (noise, truncated, huge, empty), the reader keeps reading;
/// malformed datagrams are counted and logged at Debug, with a rate-limited warning.
/// </summary>
/// <remarks>
/// A uevent only ever wakes a rescan of sysfs, which is the truth; so a forged or lost message cannot corrupt the
/// inventory, and the sender's address is not checked.
/// </remarks>
internal sealed partial class UeventReader
{
    /// <summary>
    /// Kernel uevents are a few hundred bytes (the kernel's own limit is 2 KiB of properties plus the devpath);
    /// anything that fills this buffer is not one.
    /// </summary>
    public const int BufferSize = 16 * 1024;

    /// <summary>After this many receive errors in a row the reader stops; the periodic rescan carries on.</summary>
    public const int MaxConsecutiveFailures = 10;

    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MalformedWarningInterval = TimeSpan.FromMinutes(5);

    private readonly Socket _socket;
    private readonly Action<Uevent> _onUevent;
    private readonly Action _onEventsLost;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _received;
    private long _malformed;
    private long _fromUdev;
    private long _overruns;
    private long _lastMalformedWarning = -1;

    /// <param name="socket">A datagram socket; the reader does not own it (whoever opened it closes it).</param>
    /// <param name="onUevent">Called on the reader's task for every well-formed kernel uevent.</param>
    /// <param name="onEventsLost">Called when the kernel reports dropped messages (ENOBUFS).</param>
    /// <param name="logger">Where problems are logged.</param>
    /// <param name="time">Clock for back-off and log rate limiting.</param>
    public UeventReader(Socket socket, Action<Uevent> onUevent, Action onEventsLost, ILogger logger, TimeProvider time)
    {
        _socket = socket;
        _onUevent = onUevent;
        _onEventsLost = onEventsLost;
        _logger = logger;
        _time = time;
    }

    /// <summary>Datagrams received, of any kind.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Datagrams that were not uevents: empty, truncated, oversized or noise.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>udevd's <c>libudev</c> messages, ignored.</summary>
    public long FromUdev => Interlocked.Read(ref _fromUdev);

    /// <summary>Times the kernel dropped messages because the socket's queue was full (ENOBUFS).</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Reads until <paramref name="cancellationToken"/> fires, the socket is closed, or receiving keeps failing.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[BufferSize];
        int consecutiveFailures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                // MSG_TRUNC: the kernel returns the datagram's real length even when it did not fit the buffer.
                length = await _socket.ReceiveAsync(buffer, SocketFlags.Truncated, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted || cancellationToken.IsCancellationRequested)
            {
                break; // the socket was closed under a pending receive: we are being stopped
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                // ENOBUFS: messages were dropped while we were slow. Their content is in sysfs: rescan.
                Interlocked.Increment(ref _overruns);
                LogOverrun();
                NotifyEventsLost();
                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
            {
                Interlocked.Increment(ref _received);
                CountMalformed(BufferSize, "datagram larger than the receive buffer");
                continue;
            }
            catch (SocketException e)
            {
                if (++consecutiveFailures >= MaxConsecutiveFailures)
                {
                    LogReaderStopped(consecutiveFailures, e.SocketErrorCode, e);
                    return;
                }

                LogReceiveFailed(e.SocketErrorCode, e);
                try
                {
                    await Task.Delay(FailureBackoff, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            consecutiveFailures = 0;
            Interlocked.Increment(ref _received);
            Dispatch(buffer, length);
        }
    }

    private void Dispatch(byte[] buffer, int length)
    {
        if (length >= buffer.Length)
        {
            // Truncated by the kernel to our buffer: the tail (and with it the properties) is lost.
            CountMalformed(length, $"datagram of {length} bytes does not fit the {BufferSize}-byte buffer");
            return;
        }

        switch (UeventParser.Parse(buffer.AsSpan(0, length), out Uevent? uevent, out string? problem))
        {
            case UeventParseStatus.Kernel:
                try
                {
                    _onUevent(uevent!);
                }
                catch (Exception e)
                {
                    // A consumer's bug must not stop hot-plug: log it and keep reading.
                    LogHandlerFailed(uevent!.Action, uevent.DevPath, e);
                }

                break;
            case UeventParseStatus.Udev:
                Interlocked.Increment(ref _fromUdev);
                break;
            default:
                CountMalformed(length, problem ?? "unknown");
                break;
        }
    }

    private void NotifyEventsLost()
    {
        try
        {
            _onEventsLost();
        }
        catch (Exception e)
        {
            // As for uevents: log and keep reading.
            LogHandlerFailed("(events lost)", "", e);
        }
    }

    private void CountMalformed(int length, string problem)
    {
        long total = Interlocked.Increment(ref _malformed);
        LogMalformed(length, problem);
        long now = _time.GetTimestamp();
        if (_lastMalformedWarning < 0 || _time.GetElapsedTime(_lastMalformedWarning, now) >= MalformedWarningInterval)
        {
            _lastMalformedWarning = now;
            LogMalformedSummary(total, problem);
        }
    }
}
