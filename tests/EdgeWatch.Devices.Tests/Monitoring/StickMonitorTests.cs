using System.Diagnostics;
using EdgeWatch.Devices.Monitoring;
using EdgeWatch.Devices.Sticks;
using EdgeWatch.Devices.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Devices.Tests.Monitoring;

/// <summary>
/// The monitor against a sysfs tree built here, with uevents injected where the kernel's netlink socket would be.
/// Time is real; the rescan interval is an hour wherever a test must prove that a uevent caused the rescan.
/// </summary>
public sealed class StickMonitorTests : IDisposable
{
    private static readonly TimeSpan NoPeriodicRescan = TimeSpan.FromHours(1);
    private readonly FakeSysfs _sysfs = new();
    private readonly UeventInjector _kernel = new();
    private readonly ListLogger<StickMonitor> _logger = new();

    public void Dispose()
    {
        _kernel.Dispose();
        _sysfs.Dispose();
    }

    [Fact]
    public async Task A_plugged_stick_is_added_as_soon_as_its_uevent_arrives()
    {
        _sysfs.AddRootHub(1);
        await using StickMonitor monitor = await StartAsync(o => o.RescanInterval = NoPeriodicRescan);
        using StickSubscription subscription = monitor.Subscribe();
        Assert.Empty(monitor.Sticks);

        _sysfs.PlugNcs2("1-1.3", devnum: 5);
        _sysfs.AddInterface("1-1.3");
        await Task.Delay(300);
        Assert.False(subscription.Events.TryRead(out _), "nothing may happen before the uevent: no periodic rescan runs");
        Assert.Equal(1, monitor.Status.Scans);

        _kernel.SendUsbDevice("add", "1-1.3", "3e7/2485/1", devnum: 5);
        _kernel.Send(UeventInjector.Message("add", UeventInjector.DevPathOf("1-1.3") + "/1-1.3:1.0",
            ("ACTION", "add"), ("SUBSYSTEM", "usb"), ("DEVTYPE", "usb_interface"), ("INTERFACE", "255/17/255")));

        StickEvent added = await Eventually.Next(subscription.Events, "the Added event");
        Assert.Equal(StickEventKind.Added, added.Kind);
        Assert.Equal("1-1.3", added.Port);
        Assert.Equal(StickModel.Ncs2, added.Stick.Model);
        Assert.Equal(StickUsbState.Unbooted, added.Stick.UsbState);
        Assert.Equal("1.3-ma2480", added.Stick.OpenVinoId);
        Assert.Equal("MYRIAD.1.3-ma2480", added.Stick.OpenVinoDeviceName);
        Assert.Equal("1-1.3", Assert.Single(monitor.Sticks).Port);
        Assert.True(monitor.Status.WatchingUevents);
        AssertNoErrorsLogged();
    }

    [Fact]
    public async Task An_unplugged_stick_is_removed_once_the_grace_has_passed()
    {
        TimeSpan grace = TimeSpan.FromMilliseconds(300);
        _sysfs.PlugNcs2("1-2", asSymlink: true);
        await using StickMonitor monitor = await StartAsync(o =>
        {
            o.RescanInterval = NoPeriodicRescan;
            o.RemoveGrace = grace;
        });
        using StickSubscription subscription = monitor.Subscribe();
        Assert.Equal(StickEventKind.Added, (await Eventually.Next(subscription.Events, "the stick present at start")).Kind);

        var sinceUnplug = Stopwatch.StartNew();
        _sysfs.Unplug("1-2");
        _kernel.SendUsbDevice("remove", "1-2");

        StickEvent removed = await Eventually.Next(subscription.Events, "the Removed event");
        Assert.Equal(StickEventKind.Removed, removed.Kind);
        Assert.Equal("1-2", removed.Port);
        Assert.True(sinceUnplug.Elapsed >= grace, $"removed after {sinceUnplug.Elapsed}, before the {grace} grace");
        Assert.Empty(monitor.Sticks);
        AssertNoErrorsLogged();
    }

    [Fact]
    public async Task The_firmware_boot_reenumeration_is_one_stick_that_changed_not_a_removal_and_an_addition()
    {
        // Generous grace: the test itself must get through the gap well within it on a loaded machine.
        _sysfs.PlugNcs2("1-1.3", devnum: 5);
        await using StickMonitor monitor = await StartAsync(o =>
        {
            o.RescanInterval = NoPeriodicRescan;
            o.RemoveGrace = TimeSpan.FromSeconds(4);
        });
        using StickSubscription subscription = monitor.Subscribe();
        StickEvent added = await Eventually.Next(subscription.Events, "the unbooted stick present at start");
        Assert.Equal(0x2485, added.Stick.ProductId);

        // The runtime loads the firmware: the stick drops off the bus...
        long scansBefore = monitor.Status.Scans;
        _sysfs.Unplug("1-1.3");
        _kernel.SendUsbDevice("remove", "1-1.3", "3e7/2485/1", devnum: 5);
        await Eventually.True(() => monitor.Status.Scans > scansBefore, "a rescan that sees the port empty");
        Stick during = Assert.Single(monitor.Sticks);
        Assert.Equal(0x2485, during.ProductId);

        // ...and comes back at the same port as f63b.
        _sysfs.PlugBootedNcs2("1-1.3", devnum: 6);
        _kernel.SendUsbDevice("add", "1-1.3", "3e7/f63b/1", devnum: 6);

        StickEvent changed = await Eventually.Next(subscription.Events, "the Changed event");
        Assert.Equal(StickEventKind.Changed, changed.Kind);
        Assert.Equal("1-1.3", changed.Port);
        Assert.Equal(0x2485, changed.Previous!.ProductId);
        Assert.Equal(StickUsbState.Unbooted, changed.Previous.UsbState);
        Assert.Equal(0xf63b, changed.Stick.ProductId);
        Assert.Equal(StickUsbState.Booted, changed.Stick.UsbState);
        Assert.Equal(6, changed.Stick.DeviceNumber);
        Assert.Equal("MYRIAD.1.3-ma2480", changed.Stick.OpenVinoDeviceName);

        Stick now = Assert.Single(monitor.Sticks);
        Assert.Equal(StickUsbState.Booted, now.UsbState);
        Assert.False(subscription.Events.TryRead(out StickEvent? extra), $"unexpected {extra?.Kind}");
        Assert.Contains(_logger.Entries, e => e.EventId == 2004 && e.Message.Contains("1-1.3", StringComparison.Ordinal));
        Assert.DoesNotContain(_logger.Entries, e => e.EventId == 2003);
        AssertNoErrorsLogged();
    }

    [Fact]
    public async Task Two_sticks_on_a_hub_are_two_sticks_named_after_their_port_chains()
    {
        _sysfs.AddRootHub(1);
        await using StickMonitor monitor = await StartAsync(o => o.RescanInterval = NoPeriodicRescan);
        using StickSubscription subscription = monitor.Subscribe();

        _sysfs.PlugOtherDevice("1-1");
        _sysfs.PlugOtherDevice("1-1.2");
        _sysfs.PlugNcs2("1-1.2.1", devnum: 11);
        _sysfs.PlugNcs2("1-1.2.4", devnum: 12, asSymlink: true);
        _sysfs.AddInterface("1-1.2.1");
        _sysfs.AddInterface("1-1.2.4");
        foreach (string port in new[] { "1-1", "1-1.2", "1-1.2.1", "1-1.2.4" })
        {
            _kernel.SendUsbDevice("add", port);
        }

        StickEvent first = await Eventually.Next(subscription.Events, "the first stick");
        StickEvent second = await Eventually.Next(subscription.Events, "the second stick");
        StickEvent[] added = [.. new[] { first, second }.OrderBy(e => e.Port, StringComparer.Ordinal)];
        Assert.All(added, e => Assert.Equal(StickEventKind.Added, e.Kind));
        Assert.Equal(["1-1.2.1", "1-1.2.4"], added.Select(e => e.Port));
        Assert.Equal(["1.2.1-ma2480", "1.2.4-ma2480"], added.Select(e => e.Stick.OpenVinoId));
        Assert.Equal(["MYRIAD.1.2.1-ma2480", "MYRIAD.1.2.4-ma2480"], monitor.Sticks.Select(s => s.OpenVinoDeviceName));
        AssertNoErrorsLogged();
    }

    [Fact]
    public async Task An_ncs1_is_listed_but_marked_unsupported()
    {
        _sysfs.PlugNcs1("1-4");
        await using StickMonitor monitor = await StartAsync(o => o.RescanInterval = NoPeriodicRescan);
        using StickSubscription subscription = monitor.Subscribe();

        StickEvent added = await Eventually.Next(subscription.Events, "the NCS1");

        Assert.Equal(StickModel.Ncs1, added.Stick.Model);
        Assert.False(added.Stick.IsSupported);
        Assert.False(Assert.Single(monitor.Sticks).IsSupported);
        Assert.Contains(_logger.Entries, e => e.EventId == 2001 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task The_periodic_rescan_catches_changes_that_came_without_a_uevent()
    {
        await using StickMonitor monitor = await StartAsync(o =>
        {
            o.RescanInterval = TimeSpan.FromMilliseconds(200);
            o.RemoveGrace = TimeSpan.FromMilliseconds(200);
        });
        using StickSubscription subscription = monitor.Subscribe();

        _sysfs.PlugNcs2("2-1");
        StickEvent added = await Eventually.Next(subscription.Events, "the stick, found by a periodic rescan");
        Assert.Equal(StickEventKind.Added, added.Kind);

        _sysfs.Unplug("2-1");
        StickEvent removed = await Eventually.Next(subscription.Events, "its removal, found by periodic rescans");
        Assert.Equal(StickEventKind.Removed, removed.Kind);

        Assert.Equal(0, monitor.Status.UeventsReceived);
        Assert.True(monitor.Status.WatchingUevents);
        AssertNoErrorsLogged();
    }

    [Fact]
    public async Task Garbage_on_the_uevent_socket_never_stops_the_monitor()
    {
        await using StickMonitor monitor = await StartAsync(o => o.RescanInterval = NoPeriodicRescan);
        using StickSubscription subscription = monitor.Subscribe();
        var random = new Random(42);
        int garbage = 0;
        for (int i = 0; i < 30; i++)
        {
            byte[] noise = new byte[random.Next(1, 2000)];
            random.NextBytes(noise);
            noise[0] = 0x80;
            _kernel.Send(noise);
            garbage++;
        }

        byte[] message = UeventInjector.UsbDeviceMessage("add", "1-5");
        _kernel.Send(message.AsSpan(0, message.AsSpan().IndexOf("DEVTYPE="u8) + 4)); // truncated in a key
        _kernel.Send([]);
        _kernel.Send(new byte[200 * 1024]); // far beyond the receive buffer
        byte[] hugeButPlausible = new byte[64 * 1024 + 1];
        message.CopyTo(hugeButPlausible, 0);
        _kernel.Send(hugeButPlausible);
        garbage += 4;
        _kernel.Send([.. "libudev\0"u8, 0xfe, 0xed, 0xca, 0xfe]);

        _sysfs.PlugNcs2("1-5");
        _kernel.SendUsbDevice("add", "1-5");

        StickEvent added = await Eventually.Next(subscription.Events, "the stick after the garbage");
        Assert.Equal("1-5", added.Port);
        StickMonitorStatus status = monitor.Status;
        Assert.True(status.WatchingUevents);
        Assert.Equal(garbage, status.UeventsMalformed);
        Assert.Equal(garbage + 2, status.UeventsReceived);
        AssertNoErrorsLogged();
    }

    [Fact]
    public async Task Without_a_uevent_socket_the_monitor_warns_once_and_relies_on_the_periodic_rescan()
    {
        var options = Options(o => o.RescanInterval = TimeSpan.FromMilliseconds(200));
        await using var monitor = new StickMonitor(options, _logger, TimeProvider.System,
            () => throw new LibcException("socket", 1, "Operation not permitted"));
        await monitor.StartAsync(CancellationToken.None);
        using StickSubscription subscription = monitor.Subscribe();

        _sysfs.PlugNcs2("1-1");
        StickEvent added = await Eventually.Next(subscription.Events, "the stick, found by a periodic rescan");

        Assert.Equal("1-1", added.Port);
        Assert.False(monitor.Status.WatchingUevents);
        ListLogger<StickMonitor>.Entry warning = Assert.Single(_logger.Entries, e => e.EventId == 2005);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Operation not permitted", warning.Message, StringComparison.Ordinal);
        AssertNoErrorsLogged();
    }

    [Fact]
    public async Task A_late_subscriber_first_gets_the_present_sticks_as_added_events_then_the_changes()
    {
        _sysfs.PlugNcs2("1-1.2");
        _sysfs.PlugBootedNcs2("1-1.1");
        await using StickMonitor monitor = await StartAsync(o => o.RescanInterval = NoPeriodicRescan);
        Assert.Equal(["1-1.1", "1-1.2"], monitor.Sticks.Select(s => s.Port)); // filled before StartAsync returned

        using StickSubscription subscription = monitor.Subscribe();
        _sysfs.PlugNcs2("1-1.3");
        _kernel.SendUsbDevice("add", "1-1.3");

        var events = new List<StickEvent>();
        for (int i = 0; i < 3; i++)
        {
            events.Add(await Eventually.Next(subscription.Events, $"event {i + 1} of 3"));
        }

        Assert.All(events, e => Assert.Equal(StickEventKind.Added, e.Kind));
        Assert.Equal(["1-1.1", "1-1.2", "1-1.3"], events.Select(e => e.Port));
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_is_cut_off_with_an_overflow_error_after_what_it_holds()
    {
        _sysfs.PlugNcs2("1-1");
        _sysfs.PlugNcs2("1-2");
        _sysfs.PlugNcs2("1-3");
        await using StickMonitor monitor = await StartAsync(o =>
        {
            o.RescanInterval = NoPeriodicRescan;
            o.SubscriberCapacity = 2;
        });

        using StickSubscription subscription = monitor.Subscribe();

        var delivered = new List<string>();
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        var error = await Assert.ThrowsAsync<StickEventsOverflowException>(async () =>
        {
            await foreach (StickEvent e in subscription.ReadAllAsync(timeout.Token))
            {
                delivered.Add(e.Port);
            }
        });
        Assert.Equal(["1-1", "1-2"], delivered);
        Assert.Equal(2, error.Capacity);
        Assert.Equal(1, monitor.Status.SubscriberOverflows);
        Assert.Contains(_logger.Entries, e => e.EventId == 2009);
    }

    [Fact]
    public async Task Stopping_the_monitor_completes_every_subscription()
    {
        _sysfs.PlugNcs2("1-1");
        StickMonitor monitor = await StartAsync(o => o.RescanInterval = NoPeriodicRescan);
        using StickSubscription subscription = monitor.Subscribe();

        await monitor.StopAsync(CancellationToken.None);

        Assert.Equal(StickEventKind.Added, (await Eventually.Next(subscription.Events, "the event queued before stop")).Kind);
        await subscription.Events.Completion.WaitAsync(Eventually.Timeout);
        Assert.False(monitor.Status.WatchingUevents);
        using StickSubscription late = monitor.Subscribe();
        Assert.Equal("1-1", (await Eventually.Next(late.Events, "the last inventory")).Port);
        await late.Events.Completion.WaitAsync(Eventually.Timeout);
        await monitor.DisposeAsync();
        AssertNoErrorsLogged();
    }

    [Fact]
    public async Task Disposing_synchronously_stops_the_monitor_without_waiting()
    {
        StickMonitor monitor = await StartAsync(o => o.RescanInterval = NoPeriodicRescan);
        using StickSubscription subscription = monitor.Subscribe();

        monitor.Dispose();

        await subscription.Events.Completion.WaitAsync(Eventually.Timeout);
        await Eventually.True(() => !monitor.Status.WatchingUevents, "the uevent reader to end");
        await monitor.DisposeAsync(); // harmless after Dispose
        AssertNoErrorsLogged();
    }

    [NetlinkFact]
    public async Task Built_for_production_the_monitor_listens_on_the_kernel_uevent_socket()
    {
        _sysfs.PlugNcs2("3-2");
        var options = Microsoft.Extensions.Options.Options.Create(Options(o => o.RescanInterval = NoPeriodicRescan));
        await using var monitor = new StickMonitor(options, _logger);

        await monitor.StartAsync(CancellationToken.None);

        Assert.True(monitor.Status.WatchingUevents);
        Assert.Equal("MYRIAD.2-ma2480", Assert.Single(monitor.Sticks).OpenVinoDeviceName);
        await monitor.StopAsync(CancellationToken.None);
        Assert.False(monitor.Status.WatchingUevents);
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    private StickMonitorOptions Options(Action<StickMonitorOptions> configure)
    {
        var options = new StickMonitorOptions
        {
            SysfsRoot = _sysfs.Root,
            RemoveGrace = TimeSpan.FromMilliseconds(300),
            UeventDebounce = TimeSpan.FromMilliseconds(50),
        };
        configure(options);
        return options;
    }

    private async Task<StickMonitor> StartAsync(Action<StickMonitorOptions> configure)
    {
        var monitor = new StickMonitor(Options(configure), _logger, TimeProvider.System, () => _kernel.ReaderSide);
        await monitor.StartAsync(CancellationToken.None);
        return monitor;
    }

    private void AssertNoErrorsLogged() =>
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Error);
}
