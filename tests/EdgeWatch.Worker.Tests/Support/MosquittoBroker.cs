using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>
/// A real mosquitto broker on a free loopback port, configured from a file in its own temporary directory
/// (persistence off). It can be created without starting (a broker that is down), stopped, restarted on the same
/// port, paused and resumed; disposing kills it and deletes its files.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("broker");
    private readonly ConcurrentQueue<string> _log = new();
    private readonly List<string> _extraConfig;
    private Process? _process;

    private MosquittoBroker(IEnumerable<string> extraConfig, bool allowAnonymous)
    {
        Port = FreeLoopbackPort();
        _extraConfig = [.. extraConfig];
        AllowAnonymous = allowAnonymous;
    }

    public int Port { get; }

    public bool AllowAnonymous { get; }

    public TempDirectory Directory => _directory;

    /// <summary>Everything the broker logged (all of its runs).</summary>
    public string Log => string.Join('\n', _log);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Replaces a placeholder in the extra configuration lines (for paths inside <see cref="Directory"/>).</summary>
    public void ReplaceConfig(string placeholder, string value)
    {
        for (int i = 0; i < _extraConfig.Count; i++)
        {
            _extraConfig[i] = _extraConfig[i].Replace(placeholder, value, StringComparison.Ordinal);
        }
    }

    /// <summary>A configured broker that is not running yet.</summary>
    public static MosquittoBroker Create(IEnumerable<string>? extraConfig = null, bool allowAnonymous = true) =>
        new(extraConfig ?? [], allowAnonymous);

    public static async Task<MosquittoBroker> StartAsync(IEnumerable<string>? extraConfig = null, bool allowAnonymous = true)
    {
        MosquittoBroker broker = Create(extraConfig, allowAnonymous);
        await broker.StartAsync();
        return broker;
    }

    /// <summary>Starts the broker and waits until it accepts TCP connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var config = new StringBuilder()
            .AppendLine($"listener {Port} 127.0.0.1")
            .AppendLine($"allow_anonymous {(AllowAnonymous ? "true" : "false")}")
            .AppendLine("persistence false")
            .AppendLine("log_dest stderr"); // unbuffered, so the log can be asserted on while the broker runs
        if (Environment.UserName == "root")
        {
            config.AppendLine("user root"); // otherwise it drops to user mosquitto, who cannot read our 0700 directory
        }

        foreach (string line in _extraConfig)
        {
            config.AppendLine(line);
        }

        string configFile = _directory.File("mosquitto.conf");
        await File.WriteAllTextAsync(configFile, config.ToString());

        var startInfo = new ProcessStartInfo("mosquitto")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(configFile);
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Start();
        _process = process; // from here on DisposeAsync kills it, whatever happens below
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {process.ExitCode}:\n{Log}");
            }

            if (await AcceptsConnectionsAsync())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"mosquitto did not accept connections on port {Port}:\n{Log}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Kills the broker (SIGKILL: no goodbye to its clients) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    /// <summary>SIGSTOP: the broker stops reading, so nothing sent to it is acknowledged.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    public Task ResumeAsync() => SignalAsync("-CONT");

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _directory.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        Assert.NotNull(_process);
        await ExternalProcess.RunCheckedAsync("kill", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A loopback TCP port nobody listens on at this moment (for a server a test starts).</summary>
    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
