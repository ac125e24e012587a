namespace EdgeWatch.Worker.Tests.Support;

/// <summary>Polls a condition with a generous timeout, for outcomes that happen "soon" on a loaded machine.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(condition, () => what, timeout);

    /// <summary>As above, with the description made when it fails (so it can show the state at that moment).</summary>
    public static async Task TrueAsync(Func<bool> condition, Func<string> what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting for: {what()}");
            }

            await Task.Delay(25);
        }
    }
}
