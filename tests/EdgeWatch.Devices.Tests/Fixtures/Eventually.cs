using System.Diagnostics;
using System.Threading.Channels;

namespace EdgeWatch.Devices.Tests.Fixtures;

/// <summary>Generous waits for things that happen "soon" on a loaded 2-core machine.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task True(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Timeout)
            {
                Assert.Fail($"Timed out after {Timeout.TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The next item from <paramref name="reader"/>, or a failure after the timeout.</summary>
    public static async Task<T> Next<T>(ChannelReader<T> reader, string what)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"Timed out after {Timeout.TotalSeconds:0} s waiting for: {what}");
            throw;
        }
    }
}
