using System.Net.Sockets;
using EdgeWatch.Devices.Tests.Fixtures;
using EdgeWatch.Devices.Uevents;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Devices.Tests.Uevents;

public sealed class NetlinkUeventSocketTests
{
    [NetlinkFact]
    public async Task The_kernel_uevent_socket_opens_and_can_be_read_asynchronously_on_this_machine()
    {
        using Socket socket = NetlinkUeventSocket.Open();

        Assert.Equal(SocketType.Raw, socket.SocketType);
        Assert.True(socket.ReceiveBufferSize > 0);

        // Reading must go through .NET's async socket engine on the wrapped fd; nothing needs to arrive.
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        ValueTask<int> receive = socket.ReceiveAsync(new byte[UeventReader.BufferSize], SocketFlags.Truncated, quiet.Token);
        try
        {
            await receive;
        }
        catch (OperationCanceledException)
        {
            // Nothing was plugged in meanwhile: expected.
        }
    }

    /// <summary>
    /// End to end through the kernel: asks it to re-announce /dev/null (a harmless "change" uevent) and reads that
    /// through the real socket, reader and parser. Opt-in, because it emits a system-wide uevent.
    /// </summary>
    [KernelUeventTriggerFact]
    public async Task A_real_kernel_uevent_arrives_through_the_netlink_socket_and_parses()
    {
        var logger = new ListLogger<NetlinkUeventSocketTests>();
        using Socket socket = NetlinkUeventSocket.Open();
        var seen = new TaskCompletionSource<Uevent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = new UeventReader(socket, u =>
        {
            if (u.DevPath == "/devices/virtual/mem/null")
            {
                seen.TrySetResult(u);
            }
        }, () => { }, logger, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        Task running = Task.Run(() => reader.RunAsync(stop.Token));

        await File.WriteAllTextAsync("/sys/devices/virtual/mem/null/uevent", "change");

        Uevent uevent = await seen.Task.WaitAsync(Eventually.Timeout);
        Assert.Equal("change", uevent.Action);
        Assert.Equal("mem", uevent.Subsystem);
        Assert.Equal("change", uevent.Properties["ACTION"]);
        Assert.True(long.Parse(uevent.Properties["SEQNUM"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        await stop.CancelAsync();
        await running.WaitAsync(Eventually.Timeout);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
    }
}
