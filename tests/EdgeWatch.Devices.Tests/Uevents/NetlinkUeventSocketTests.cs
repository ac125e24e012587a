using System.Net.Sockets;
using EdgeWatch.Devices.Tests.Fixtures;
using EdgeWatch.Devices.Uevents;

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
}
