using System.Net.Sockets;
using System.Threading.Channels;
using EdgeWatch.Devices.Sticks;
using EdgeWatch.Devices.Uevents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWatch.Devices.Monitoring;

/// <summary>
/// Watches the USB bus for compute sticks. Kernel uevents wake a rescan of <c>&lt;SysfsRoot&gt;/bus/usb/devices</c>
/// (debounced: one plug is a burst of uevents); a periodic rescan reconciles anything missed. The inventory is what
/// sysfs says now. A stick's identity is its USB port: gone and back within <c>RemoveGrace</c> (the firmware boot
/// re-enumerates it) it is the same stick, <see cref="StickEventKind.Changed"/>; gone longer, it is Removed.
/// Without a uevent socket (a restricted container) it warns once and works from the periodic rescan alone.
/// </summary>
/// <remarks>
/// Consumers either read <see cref="Sticks"/> (a thread-safe snapshot) or call <see cref="Subscribe"/> for an
/// ordered event stream that starts with the present sticks as Added events; nothing is missed between the two
/// because the snapshot is taken and the subscription registered atomically.
/// Lifecycle: <see cref="StartAsync"/> once (it scans before returning, so <see cref="Sticks"/> is filled),
/// then <see cref="StopAsync"/> or <see cref="DisposeAsync"/>; the signatures match IHostedService.
/// </remarks>
public sealed partial class StickMonitor : IAsyncDisposable, IDisposable
{
    private const int NotStarted = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    /// <summary>Longest single wait, so that huge intervals never overflow a timer.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(1);

    private readonly StickMonitorOptions _options;
    private readonly string _devicesDirectory;
    private readonly ILogger<StickMonitor> _logger;
    private readonly TimeProvider _time;
    private readonly Func<Socket> _openUeventSocket;
    private readonly StickInventory _inventory;
    private readonly Lock _gate = new();
    private readonly List<StickSubscription> _subscribers = [];

    // A coalescing wake-up: capacity one, extra signals dropped, since one rescan answers them all.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _stopping = new();
    private int _state;
    private Socket? _ueventSocket;
    private UeventReader? _ueventReader;
    private Task _ueventTask = Task.CompletedTask;
    private Task _loopTask = Task.CompletedTask;
    private long _scans;
    private long _scanFailures;
    private long _subscriberOverflows;
    private bool _busPresent = true;
    private DateTimeOffset? _lastScanAt;

    /// <summary>Creates the monitor; nothing runs until <see cref="StartAsync"/>.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names its key.</exception>
    public StickMonitor(IOptions<StickMonitorOptions> options, ILogger<StickMonitor> logger, TimeProvider? timeProvider = null)
        : this(options?.Value!, logger, timeProvider ?? TimeProvider.System, NetlinkUeventSocket.Open)
    {
    }

    /// <summary>For tests: <paramref name="openUeventSocket"/> stands in for the kernel's netlink socket.</summary>
    internal StickMonitor(StickMonitorOptions options, ILogger<StickMonitor> logger, TimeProvider timeProvider, Func<Socket> openUeventSocket)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ValidateOptionsResult validation = new StickMonitorOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(StickMonitorOptions.SectionName, typeof(StickMonitorOptions), validation.Failures);
        }

        _options = options;
        _devicesDirectory = UsbInventory.DevicesDirectory(options.SysfsRoot);
        _logger = logger;
        _time = timeProvider;
        _openUeventSocket = openUeventSocket;
        _inventory = new StickInventory(options.RemoveGrace, timeProvider);
    }

    /// <summary>The sticks present now, ordered by port; an immutable snapshot, safe to read from any thread.</summary>
    public IReadOnlyList<Stick> Sticks
    {
        get
        {
            lock (_gate)
            {
                return _inventory.Sticks;
            }
        }
    }

    /// <summary>Counters for health reporting.</summary>
    public StickMonitorStatus Status => new(
        WatchingUevents: !_ueventTask.IsCompleted,
        UsbBusPresent: Volatile.Read(ref _busPresent),
        Scans: Interlocked.Read(ref _scans),
        ScanFailures: Interlocked.Read(ref _scanFailures),
        UeventsReceived: _ueventReader?.Received ?? 0,
        UeventsMalformed: _ueventReader?.Malformed ?? 0,
        UeventOverruns: _ueventReader?.Overruns ?? 0,
        SubscriberOverflows: Interlocked.Read(ref _subscriberOverflows),
        LastScanAt: LastScanAt);

    private DateTimeOffset? LastScanAt
    {
        get
        {
            lock (_gate)
            {
                return _lastScanAt;
            }
        }
    }

    /// <summary>
    /// Starts an event stream: first an Added event for each stick present now, then every Added, Changed and
    /// Removed in order. Subscribing before <see cref="StartAsync"/> delivers the sticks found at start as Added.
    /// After the monitor stopped, the stream holds the last inventory and is already complete.
    /// </summary>
    public StickSubscription Subscribe()
    {
        var subscription = new StickSubscription(_options.SubscriberCapacity, Unsubscribe);
        lock (_gate)
        {
            DateTimeOffset at = _time.GetUtcNow();
            foreach (Stick stick in _inventory.Sticks)
            {
                if (!subscription.Offer(new StickEvent(StickEventKind.Added, stick, null, at)))
                {
                    Overflow(subscription);
                    return subscription;
                }
            }

            if (Volatile.Read(ref _state) == Stopped)
            {
                subscription.Complete();
            }
            else
            {
                _subscribers.Add(subscription);
            }
        }

        return subscription;
    }

    /// <summary>
    /// Opens the uevent socket (or warns and goes without), scans once so that <see cref="Sticks"/> is filled
    /// when this returns, and starts watching.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Running, NotStarted) != NotStarted)
        {
            throw new InvalidOperationException("The stick monitor can be started once.");
        }

        // Listen before the first scan, so that a plug between the two still wakes a rescan.
        if (_options.EnableUevents)
        {
            StartUeventReader();
        }
        else
        {
            LogUeventsDisabled(_options.RescanInterval);
        }

        ScanAndPublish();
        CancellationToken stopping = _stopping.Token;
        _loopTask = Task.Run(() => RunAsync(stopping), CancellationToken.None);
        LogStarted(_devicesDirectory, Sticks.Count, !_ueventTask.IsCompleted, _options.RescanInterval);
        return Task.CompletedTask;
    }

    /// <summary>Stops watching, waits for the background tasks, closes the uevent socket and completes every subscription.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, Stopped) == Stopped)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loopTask, _ueventTask).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopTimedOut();
        }

        CloseAndComplete();
    }

    /// <summary>Same as <see cref="StopAsync"/>, without a time limit.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);

        // After a synchronous Dispose the tasks may still be finishing with this token.
        if (_loopTask.IsCompleted && _ueventTask.IsCompleted)
        {
            _stopping.Dispose();
        }
    }

    /// <summary>
    /// Stops without waiting: the background tasks see the cancellation and end on their own. For containers that
    /// dispose synchronously; prefer <see cref="StopAsync"/> or <see cref="DisposeAsync"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _state, Stopped) == Stopped)
        {
            return;
        }

        _stopping.Cancel();
        CloseAndComplete();
    }

    private void CloseAndComplete()
    {
        _ueventSocket?.Dispose();
        lock (_gate)
        {
            foreach (StickSubscription subscription in _subscribers)
            {
                subscription.Complete();
            }

            _subscribers.Clear();
        }

        LogStopped();
    }

    private void StartUeventReader()
    {
        try
        {
            _ueventSocket = _openUeventSocket();
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
        {
            // A container without CAP to open netlink: hot-plug still works, only slower.
            LogUeventsUnavailable(e.Message, _options.RescanInterval);
            return;
        }

        _ueventReader = new UeventReader(_ueventSocket, OnUevent, WakeRescan, _logger, _time);
        CancellationToken stopping = _stopping.Token;
        UeventReader reader = _ueventReader;
        _ueventTask = Task.Run(() => reader.RunAsync(stopping), CancellationToken.None);
    }

    private void OnUevent(Uevent uevent)
    {
        // Devices and interfaces alike: any USB change may concern a stick, and the rescan decides.
        if (string.Equals(uevent.Subsystem, "usb", StringComparison.Ordinal))
        {
            WakeRescan();
        }
    }

    private void WakeRescan() => _wake.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken stopping)
    {
        long lastScan = _time.GetTimestamp();
        long? ueventScanDue = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                long now = _time.GetTimestamp();
                TimeSpan wait = _options.RescanInterval - _time.GetElapsedTime(lastScan, now);
                if (ueventScanDue is long due)
                {
                    wait = Min(wait, _time.GetElapsedTime(now, due));
                }

                TimeSpan? untilRemoval;
                lock (_gate)
                {
                    untilRemoval = _inventory.UntilNextRemovalDecision();
                }

                if (untilRemoval is TimeSpan removal)
                {
                    wait = Min(wait, removal);
                }

                if (wait <= TimeSpan.Zero)
                {
                    ScanAndPublish();
                    lastScan = _time.GetTimestamp();
                    ueventScanDue = null;
                    continue;
                }

                // Whole milliseconds, so that a timer rounding down cannot make this loop spin.
                wait = TimeSpan.FromMilliseconds(Math.Ceiling(Min(wait, MaxWait).TotalMilliseconds));

                // A fixed window from the first uevent of a burst: later ones do not postpone the scan.
                if (await WaitForWakeAsync(wait, stopping).ConfigureAwait(false) && ueventScanDue is null)
                {
                    ueventScanDue = _time.GetTimestamp() + (long)(_options.UeventDebounce.TotalSeconds * _time.TimestampFrequency);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Never let the monitor die: log, back off, carry on.
                LogLoopFailed(e);
                try
                {
                    await Task.Delay(ErrorBackoff, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        LogLoopEnded();
    }

    /// <summary>Waits for a uevent wake-up or the timeout; true if woken.</summary>
    private async Task<bool> WaitForWakeAsync(TimeSpan timeout, CancellationToken stopping)
    {
        if (_wake.Reader.TryRead(out _))
        {
            return true;
        }

        using var waitOver = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task<bool> woken = _wake.Reader.WaitToReadAsync(waitOver.Token).AsTask();
        Task elapsed = Task.Delay(timeout, _time, waitOver.Token);
        Task first = await Task.WhenAny(woken, elapsed).ConfigureAwait(false);

        // Release the loser so that no waiter or timer outlives this call.
        await waitOver.CancelAsync().ConfigureAwait(false);
        stopping.ThrowIfCancellationRequested();
        return first == woken && _wake.Reader.TryRead(out _);
    }

    private void ScanAndPublish()
    {
        UsbScanResult scan;
        try
        {
            scan = UsbInventory.Scan(_options.SysfsRoot);
        }
        catch (IOException e)
        {
            // Keep the inventory as it is: an unreadable directory says nothing about the sticks.
            Interlocked.Increment(ref _scanFailures);
            LogScanFailed(e);
            return;
        }

        Interlocked.Increment(ref _scans);
        if (Volatile.Read(ref _busPresent) && !scan.BusPresent)
        {
            LogNoUsbBus(_devicesDirectory);
        }

        Volatile.Write(ref _busPresent, scan.BusPresent);
        if (scan.IncompletePorts.Count > 0)
        {
            LogIncompleteEntries(scan.IncompletePorts);
        }

        IReadOnlyList<StickEvent> events;
        IReadOnlyList<Stick> vanished;
        lock (_gate)
        {
            (events, vanished) = _inventory.Reconcile(scan.Sticks);
            _lastScanAt = _time.GetUtcNow();
            foreach (StickEvent stickEvent in events)
            {
                // Backwards, so that an overflowing subscriber can be removed in place.
                for (int i = _subscribers.Count - 1; i >= 0; i--)
                {
                    if (!_subscribers[i].Offer(stickEvent))
                    {
                        Overflow(_subscribers[i]);
                    }
                }
            }
        }

        foreach (Stick stick in vanished)
        {
            LogStickVanished(stick.Port, _options.RemoveGrace);
        }

        foreach (StickEvent stickEvent in events)
        {
            LogEvent(stickEvent);
        }
    }

    /// <summary>Ends a subscription whose reader fell behind; caller holds the gate.</summary>
    private void Overflow(StickSubscription subscription)
    {
        _subscribers.Remove(subscription);
        subscription.Complete(new StickEventsOverflowException(subscription.Capacity));
        Interlocked.Increment(ref _subscriberOverflows);
        LogSubscriberOverflow(subscription.Capacity);
    }

    private void Unsubscribe(StickSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }

    private void LogEvent(StickEvent stickEvent)
    {
        Stick stick = stickEvent.Stick;
        switch (stickEvent.Kind)
        {
            case StickEventKind.Added when stick.IsSupported:
                LogStickAdded(stick.Port, stick.Model, stick.UsbState, stick.UsbId, stick.OpenVinoDeviceName);
                break;
            case StickEventKind.Added:
                LogUnsupportedStickAdded(stick.Port, stick.Model, stick.UsbId);
                break;
            case StickEventKind.Changed:
                Stick previous = stickEvent.Previous!;
                LogStickChanged(stick.Port, previous.UsbId, previous.UsbState, previous.DeviceNumber, stick.UsbId, stick.UsbState, stick.DeviceNumber);
                break;
            case StickEventKind.Removed:
                LogStickRemoved(stick.Port, stick.Model, stick.OpenVinoDeviceName, _options.RemoveGrace);
                break;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
