using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>A throw-away mosquitto on a free loopback port, for benchmarks that publish like the daemon does.</summary>
internal sealed class LocalBroker : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private LocalBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<LocalBroker> StartAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var directory = Directory.CreateTempSubdirectory("edgewatch-broker-").FullName;
        var config = Path.Combine(directory, "mosquitto.conf");
        var user = Environment.UserName;
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nuser {user}\n")).ConfigureAwait(false);
        var start = new ProcessStartInfo("mosquitto") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException("mosquitto did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException("mosquitto is not installed (apt-get install mosquitto), or give --mqtt HOST:PORT", e);
        }

        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return new LocalBroker(process, directory, port);
            }
            catch (SocketException)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        process.Kill();
        throw new IOException("mosquitto did not start listening");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(2000);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
