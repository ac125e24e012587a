using EdgeWatch.Devices.Monitoring;
using EdgeWatch.Worker.Sticks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Hosting;

/// <summary>
/// Watches the USB bus for sticks and lets the supervisor scale the pool with them. Started after the pipeline (whose
/// pool it adds to) and stopped before it.
/// </summary>
public sealed partial class StickService(StickMonitor monitor, StickSupervisor supervisor, ILogger<StickService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        supervisor.Start();
        await monitor.StartAsync(cancellationToken).ConfigureAwait(false);
        Log.Watching(logger, monitor.Sticks.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await supervisor.DisposeAsync().ConfigureAwait(false);
        await monitor.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Watching the USB bus for NCS2 sticks ({Count} present at start)")]
        public static partial void Watching(ILogger logger, int count);
    }
}
