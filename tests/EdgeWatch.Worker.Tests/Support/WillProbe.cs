using System.Globalization;
using EdgeWatch.Worker.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>
/// A child process that connects with EdgeWatch's last will, prints "connected" and waits to be killed, so a test
/// can SIGKILL a real client process and watch the broker publish the will.
/// </summary>
internal static class WillProbe
{
    public const string Command = "mqtt-will-probe";

    /// <summary>Arguments: port, client id, availability topic.</summary>
    public static int Run(string[] args)
    {
        var options = new MqttOptions
        {
            Host = "127.0.0.1",
            Port = int.Parse(args[0], CultureInfo.InvariantCulture),
            ClientId = args[1],
            AvailabilityTopic = args[2],
            KeepAliveSeconds = 10,
        };
        var connection = new MqttConnection(options, NullLogger<MqttConnection>.Instance);
        connection.Start();
        while (!connection.IsConnected)
        {
            Thread.Sleep(20);
        }

        Console.WriteLine("connected");
        Thread.Sleep(Timeout.Infinite); // until SIGKILL: no Dispose, no DISCONNECT
        return 0;
    }

    /// <summary>The host that runs managed apps (dotnet), for starting the test assembly as a child.</summary>
    public static string DotnetHost()
    {
        string? fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
