using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Hosting;

/// <summary>Runs the detection pipeline for the host's lifetime; on stop, stops reading and winds the workers down.</summary>
public sealed partial class PipelineService(DetectionPipeline pipeline, ILogger<PipelineService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await pipeline.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.Cancelled(logger);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await pipeline.DisposeAsync().ConfigureAwait(false);
        Log.Stopped(logger);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Pipeline cancelled")]
        public static partial void Cancelled(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
