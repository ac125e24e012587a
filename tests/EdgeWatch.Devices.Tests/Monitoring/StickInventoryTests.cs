using EdgeWatch.Devices.Monitoring;
using EdgeWatch.Devices.Sticks;
using EdgeWatch.Devices.Tests.Fixtures;

namespace EdgeWatch.Devices.Tests.Monitoring;

public sealed class StickInventoryTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void A_stick_back_at_its_port_within_the_grace_is_the_same_stick_changed()
    {
        var inventory = new StickInventory(Grace, _clock);
        Stick unbooted = Ncs2("1-1.3", 0x2485, devnum: 5);
        Stick booted = Ncs2("1-1.3", 0xf63b, devnum: 6);

        Assert.Equal(StickEventKind.Added, Assert.Single(inventory.Reconcile([unbooted]).Events).Kind);
        _clock.Advance(TimeSpan.FromSeconds(1));
        (IReadOnlyList<StickEvent> events, IReadOnlyList<Stick> vanished) = inventory.Reconcile([]);
        Assert.Empty(events);
        Assert.Equal(unbooted, Assert.Single(vanished));
        Assert.Equal(unbooted, Assert.Single(inventory.Sticks)); // still reported while it re-enumerates

        _clock.Advance(TimeSpan.FromSeconds(3.9));
        StickEvent changed = Assert.Single(inventory.Reconcile([booted]).Events);

        Assert.Equal(StickEventKind.Changed, changed.Kind);
        Assert.Equal(unbooted, changed.Previous);
        Assert.Equal(booted, changed.Stick);
        Assert.Equal(booted, Assert.Single(inventory.Sticks));
        Assert.Null(inventory.UntilNextRemovalDecision());
    }

    [Fact]
    public void A_stick_gone_longer_than_the_grace_is_removed_and_one_plugged_later_is_new()
    {
        var inventory = new StickInventory(Grace, _clock);
        Stick stick = Ncs2("1-2", 0x2485, devnum: 5);
        inventory.Reconcile([stick]);

        _clock.Advance(TimeSpan.FromSeconds(1));
        inventory.Reconcile([]);
        Assert.Equal(Grace, inventory.UntilNextRemovalDecision());
        _clock.Advance(TimeSpan.FromSeconds(4.99));
        Assert.Empty(inventory.Reconcile([]).Events);
        _clock.Advance(TimeSpan.FromSeconds(0.01));
        StickEvent removed = Assert.Single(inventory.Reconcile([]).Events);

        Assert.Equal(StickEventKind.Removed, removed.Kind);
        Assert.Equal(stick, removed.Stick);
        Assert.Empty(inventory.Sticks);
        Assert.Equal(StickEventKind.Added, Assert.Single(inventory.Reconcile([stick with { DeviceNumber = 9 }]).Events).Kind);
    }

    [Fact]
    public void A_stick_that_reads_the_same_again_produces_no_event()
    {
        var inventory = new StickInventory(Grace, _clock);
        Stick stick = Ncs2("1-2", 0x2485, devnum: 5);
        inventory.Reconcile([stick]);

        Assert.Empty(inventory.Reconcile([stick with { }]).Events);
        inventory.Reconcile([]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(inventory.Reconcile([stick with { }]).Events); // a half-written moment, then whole again
    }

    private static Stick Ncs2(string port, ushort product, int devnum) => new()
    {
        Port = port,
        Model = StickModel.Ncs2,
        UsbState = product == MovidiusUsbIds.Booted ? StickUsbState.Booted : StickUsbState.Unbooted,
        VendorId = MovidiusUsbIds.Vendor,
        ProductId = product,
        BusNumber = 1,
        DeviceNumber = devnum,
    };
}
