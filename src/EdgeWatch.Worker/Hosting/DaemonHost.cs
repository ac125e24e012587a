using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Hosting;

/// <summary>Builds the daemon's host from checked settings. Tests replace services (an engine factory) through <c>overrides</c>.</summary>
public static class DaemonHost
{
    public static IHost Build(IConfiguration configuration, DaemonSettings settings, Action<IServiceCollection>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        ConfigureLogging(builder.Logging, configuration);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Node);
        builder.Services.TryAddSingleton<IEngineFactory>(_ => new CpuEngineFactory(settings.OnnxRuntime, settings.Cpu.EffectiveThreadsPerWorker));
        builder.Services.AddSingleton(s => new Mqtt.MqttConnection(settings.Mqtt, s.GetRequiredService<ILogger<Mqtt.MqttConnection>>()));
        builder.Services.AddSingleton<PipelineProgress>();
        builder.Services.AddSingleton<IDetectionSink>(s => s.GetRequiredService<PipelineProgress>());
        builder.Services.AddSingleton<IDetectionSink, Publishing.DetectionPublisher>();
        builder.Services.AddResultPublishers();
        builder.Services.AddSingleton<ResultFanout>();
        builder.Services.AddSingleton<DetectionPipeline>();
        // Started in this order, stopped in reverse: the broker connection outlives the pipeline, and the publishers' last
        // words (end events, the snapshot thread's stop) come after the pipeline stops and before the connection goes.
        builder.Services.AddHostedService<MqttService>();
        builder.Services.AddHostedService<PublishingService>();
        builder.Services.AddHostedService<PipelineService>();
        overrides?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Journald's priority prefixes under systemd (JOURNAL_STREAM set), one line per message otherwise.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        if (Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 })
        {
            logging.AddSystemdConsole(o => o.IncludeScopes = false);
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = false;
            });
        }
    }
}
