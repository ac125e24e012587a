using EdgeWatch.Worker.Health;
using EdgeWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeWatch.Worker.Tests.Daemon;

/// <summary>A broker that refuses the daemon, or is not there: detection goes on, and the health report says why.</summary>
public sealed class BrokerTroubleTests
{
    [Fact]
    public async Task A_wrong_password_is_in_the_health_report_and_retried_while_detection_goes_on()
    {
        await using var broker = MosquittoBroker.Create(["password_file PASSWORDS"], allowAnonymous: false);
        var passwords = broker.Directory.File("passwords");
        await ExternalProcess.RunCheckedAsync("mosquitto_passwd", "-c", "-b", passwords, "edgewatch", "right");
        broker.ReplaceConfig("PASSWORDS", passwords);
        await broker.StartAsync();
        var config = DaemonConfigFile.SampleVideo(broker.Port, "refused", realtime: true, loop: true);
        config["Mqtt"]!["Username"] = "edgewatch";
        config["Mqtt"]!["Password"] = "wrong";
        await using var daemon = await InProcessDaemon.StartAsync(config);
        var health = daemon.Services.GetRequiredService<HealthMonitor>();

        await Eventually.TrueAsync(() => health.Read().Mqtt.ConnectAttempts >= 2 && daemon.Progress.Published > 3, "retries while detecting", TimeSpan.FromSeconds(45));

        var mqtt = health.Read().Mqtt;
        Assert.False(mqtt.Connected);
        Assert.Equal("failed", mqtt.State);
        Assert.Contains("not authorised", mqtt.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unreachable_broker_is_in_the_health_report_and_retried()
    {
        await using var broker = MosquittoBroker.Create(); // never started
        await using var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.SampleVideo(broker.Port, "nobroker", realtime: true, loop: true));
        var health = daemon.Services.GetRequiredService<HealthMonitor>();

        await Eventually.TrueAsync(() => health.Read().Mqtt.ConnectAttempts >= 2 && daemon.Progress.Published > 3, "retries while detecting", TimeSpan.FromSeconds(45));

        var report = health.Read();
        Assert.False(report.Mqtt.Connected);
        Assert.NotNull(report.Mqtt.LastError);
        Assert.Contains(report.Devices, d => d.Kind == "cpu" && d.Completed > 0); // detection itself carries on
    }
}
