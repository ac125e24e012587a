using EdgeWatch.Devices.Tests.Fixtures;
using EdgeWatch.Devices.Uevents;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Devices.Tests.Uevents;

public sealed class UeventReaderTests : IDisposable
{
    private readonly UeventInjector _kernel = new();
    private readonly ListLogger<UeventReaderTests> _logger = new();
    private readonly List<Uevent> _uevents = [];
    private int _lost;

    public void Dispose() => _kernel.Dispose();

    [Fact]
    public async Task Uevents_arriving_on_the_socket_are_handed_over_in_order()
    {
        (UeventReader reader, Task running, CancellationTokenSource stop) = Start();

        _kernel.SendUsbDevice("add", "1-1.3");
        _kernel.SendUsbDevice("remove", "1-1.3");
        await Eventually.True(() => Count() == 2, "two uevents handed over");

        await StopAsync(running, stop);
        lock (_uevents)
        {
            Assert.Equal(["add", "remove"], _uevents.Select(u => u.Action));
        }

        Assert.Equal(2, reader.Received);
        Assert.Equal(0, reader.Malformed);
    }

    [Fact]
    public async Task Garbage_datagrams_are_counted_and_the_reader_keeps_reading()
    {
        (UeventReader reader, Task running, CancellationTokenSource stop) = Start();
        var random = new Random(7);
        int garbage = 0;
        for (int i = 0; i < 20; i++)
        {
            byte[] noise = new byte[random.Next(1, 300)];
            random.NextBytes(noise);
            noise[0] = 0xff; // never a lowercase action
            _kernel.Send(noise);
            garbage++;
        }

        byte[] whole = UeventInjector.UsbDeviceMessage("add", "1-1.3");
        int seqnum = whole.AsSpan().IndexOf("SEQNUM="u8);
        _kernel.Send(whole.AsSpan(0, seqnum + 3)); // truncated inside the last key: "...\0SEQ"
        garbage++;
        _kernel.Send([]);
        garbage++;
        byte[] huge = new byte[70 * 1024];
        UeventInjector.UsbDeviceMessage("add", "1-1.4").CopyTo(huge, 0);
        _kernel.Send(huge);
        garbage++;
        _kernel.Send([.. "libudev\0"u8, 1, 2, 3]);

        _kernel.SendUsbDevice("add", "1-1.5");

        await Eventually.True(() => LastDevPath()?.EndsWith("/1-1.5", StringComparison.Ordinal) == true, "the valid uevent after the garbage");
        Assert.False(running.IsCompleted);
        Assert.Equal(garbage, reader.Malformed);
        Assert.Equal(1, reader.FromUdev);
        Assert.Equal(garbage + 2, reader.Received); // plus the libudev message and the valid uevent
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.EventId == 2101);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("does not fit", StringComparison.Ordinal));
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Error);
        await StopAsync(running, stop);
    }

    [Fact]
    public async Task A_failing_handler_does_not_stop_the_reader()
    {
        int calls = 0;
        var reader = new UeventReader(_kernel.ReaderSide, u =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("consumer bug");
            }
        }, () => { }, _logger, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        Task running = Task.Run(() => reader.RunAsync(stop.Token));

        _kernel.SendUsbDevice("add", "1-1.3");
        _kernel.SendUsbDevice("add", "1-1.4");

        await Eventually.True(() => Volatile.Read(ref calls) == 2, "the second uevent after the handler threw");
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
        await StopAsync(running, stop);
    }

    [Fact]
    public async Task Closing_the_socket_ends_the_reader_quietly()
    {
        (_, Task running, CancellationTokenSource stop) = Start();

        _kernel.ReaderSide.Dispose();

        await running.WaitAsync(Eventually.Timeout);
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Warning);
        stop.Dispose();
    }

    private (UeventReader Reader, Task Running, CancellationTokenSource Stop) Start()
    {
        var reader = new UeventReader(_kernel.ReaderSide, u =>
        {
            lock (_uevents)
            {
                _uevents.Add(u);
            }
        }, () => Interlocked.Increment(ref _lost), _logger, TimeProvider.System);
        var stop = new CancellationTokenSource();
        return (reader, Task.Run(() => reader.RunAsync(stop.Token)), stop);
    }

    private static async Task StopAsync(Task running, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        await running.WaitAsync(Eventually.Timeout);
        stop.Dispose();
    }

    private int Count()
    {
        lock (_uevents)
        {
            return _uevents.Count;
        }
    }

    private string? LastDevPath()
    {
        lock (_uevents)
        {
            return _uevents.Count == 0 ? null : _uevents[^1].DevPath;
        }
    }
}
