using System.Text.Json.Nodes;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Hosting;
using EdgeWatch.Worker.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>
/// The daemon's real host, started inside the test process so the test can look at its live state (camera restarts,
/// worker pool) while real ffmpeg, ONNX Runtime and mosquitto do the work.
/// </summary>
internal sealed class InProcessDaemon : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DaemonConfigFile _config;

    private InProcessDaemon(IHost host, DaemonConfigFile config)
    {
        _host = host;
        _config = config;
    }

    public IServiceProvider Services => _host.Services;

    public DetectionPipeline Pipeline => _host.Services.GetRequiredService<DetectionPipeline>();

    public PipelineProgress Progress => _host.Services.GetRequiredService<PipelineProgress>();

    public MqttConnection Mqtt => _host.Services.GetRequiredService<MqttConnection>();

    public static async Task<InProcessDaemon> StartAsync(JsonObject configuration, Action<IServiceCollection>? overrides = null)
    {
        await TestModels.OpenAsync("yolox-nano"); // the model files in place, as scripts/test does
        configuration["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } };
        var config = new DaemonConfigFile(configuration);
        var root = DaemonConfiguration.Build(config.Path, []);
        var host = DaemonHost.Build(root, DaemonSettings.Load(root), overrides);
        await host.StartAsync();
        return new InProcessDaemon(host, config);
    }

    public async ValueTask DisposeAsync()
    {
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await _host.StopAsync(limit.Token);
        }

        _host.Dispose();
        _config.Dispose();
    }
}
