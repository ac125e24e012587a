using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.HomeAssistant;
using EdgeWatch.Worker.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeWatch.Worker.Publishing;

/// <summary>Registers the result sinks beyond the detections (counts, events, snapshots) and Home Assistant discovery.</summary>
public static class PublishingServiceCollectionExtensions
{
    public static IServiceCollection AddResultPublishers(this IServiceCollection services)
    {
        services.AddSingleton<CountPublisher>();
        services.AddSingleton<IDetectionSink>(s => s.GetRequiredService<CountPublisher>());
        services.AddSingleton<IRetainedStateSource>(s => s.GetRequiredService<CountPublisher>());
        services.AddSingleton<TrackEventPublisher>();
        services.AddSingleton<IDetectionSink>(s => s.GetRequiredService<TrackEventPublisher>());
        services.AddSingleton<SnapshotPublisher>();
        services.AddSingleton<IDetectionSink>(s => s.GetRequiredService<SnapshotPublisher>());
        services.AddSingleton<IRetainedStateSource>(s => s.GetRequiredService<SnapshotPublisher>());
        services.AddSingleton<HomeAssistantDiscovery>();
        return services;
    }
}
