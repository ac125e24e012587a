using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using EdgeWatch.Devices.Monitoring;
using EdgeWatch.Worker.Sticks;

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
        builder.Services.TryAddSingleton<IEngineFactory>(s => settings.Cpu.Backend == CpuBackend.OpenVino
            ? new OpenVinoHostEngineFactory(settings.OpenVino, settings.Cpu.OpenVinoDevice, s.GetRequiredService<ILogger<OpenVinoHostEngineFactory>>())
            : new CpuEngineFactory(settings.OnnxRuntime, settings.Cpu.EffectiveThreadsPerWorker));
        builder.Services.AddSingleton(s => new Mqtt.MqttConnection(settings.Mqtt, s.GetRequiredService<ILogger<Mqtt.MqttConnection>>()));
        builder.Services.AddSingleton<PipelineProgress>();
        builder.Services.AddSingleton<IDetectionSink>(s => s.GetRequiredService<PipelineProgress>());
        builder.Services.AddSingleton<IDetectionSink, Publishing.DetectionPublisher>();
        builder.Services.AddResultPublishers();
        builder.Services.AddSingleton<ResultFanout>();
        builder.Services.AddSingleton<DetectionPipeline>();
        builder.Services.AddSingleton(s => new StickMonitor(Options.Create(settings.Devices), s.GetRequiredService<ILogger<StickMonitor>>()));
        builder.Services.TryAddSingleton<IStickEngineFactory>(s =>
            new OpenVinoStickEngineFactory(settings.OpenVino, settings.Sticks.Requests, s.GetRequiredService<ILogger<OpenVinoStickEngineFactory>>()));
        builder.Services.AddSingleton(s => new StickSupervisor(
            s.GetRequiredService<StickMonitor>(), s.GetRequiredService<DetectionPipeline>(), s.GetRequiredService<IStickEngineFactory>(),
            settings, settings.Sticks, s.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton(settings.Health);
        builder.Services.AddSingleton<Health.HealthMonitor>();
        builder.Services.AddSingleton<Health.HealthPublisher>();
        builder.Services.AddSingleton<Publishing.IRetainedStateSource>(s => s.GetRequiredService<Health.HealthPublisher>());
        builder.Services.AddSingleton<HomeAssistant.StickEntities>();
        builder.Services.TryAddSingleton(_ => Systemd.SystemdNotifier.FromEnvironment());

        // Started in this order, stopped in reverse: the broker connection outlives the pipeline; the publishers' last
        // words (end events, the snapshot thread's stop) come after the pipeline stops and before the connection goes; the
        // sticks join the pipeline's pool; systemd hears READY once all that started and STOPPING before any of it stops.
        builder.Services.AddHostedService<MqttService>();
        builder.Services.AddHostedService<PublishingService>();
        builder.Services.AddHostedService<PipelineService>();
        builder.Services.AddHostedService<StickService>();
        builder.Services.AddHostedService(s => s.GetRequiredService<Health.HealthPublisher>());
        builder.Services.AddHostedService<Systemd.SystemdService>();
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
