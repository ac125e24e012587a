using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace EdgeWatch.Worker.Systemd;

/// <summary>
/// Tells systemd how the service is doing (<c>sd_notify</c>): one datagram of <c>KEY=value</c> lines to the Unix socket
/// named by <c>$NOTIFY_SOCKET</c>, a path or <c>@name</c> in the abstract namespace. Also reads the watchdog timeout
/// systemd expects pings within (<c>$WATCHDOG_USEC</c>, for this process only when <c>$WATCHDOG_PID</c> says so).
/// Outside systemd it does nothing.
/// </summary>
public sealed class SystemdNotifier
{
    private readonly string? _socketPath;

    /// <summary>For testing: a given socket (path or <c>@name</c>) and watchdog timeout instead of the environment's.</summary>
    internal SystemdNotifier(string? socketPath, TimeSpan? watchdogTimeout)
    {
        SocketName = string.IsNullOrEmpty(socketPath) ? null : socketPath;
        // .NET names an abstract socket by a leading NUL, systemd by a leading '@'.
        _socketPath = SocketName is ['@', .. var name] ? "\0" + name : SocketName;
        WatchdogTimeout = watchdogTimeout;
    }

    /// <summary>The socket as systemd named it; null outside systemd.</summary>
    public string? SocketName { get; }

    /// <summary>Whether there is a service manager to tell.</summary>
    public bool IsEnabled => _socketPath is not null;

    /// <summary>How often systemd expects <c>WATCHDOG=1</c> at the latest; null when it does not watch this process.</summary>
    public TimeSpan? WatchdogTimeout { get; }

    /// <summary>The notifier systemd set up for this process through its environment.</summary>
    public static SystemdNotifier FromEnvironment()
    {
        TimeSpan? watchdog = null;
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        var forUs = string.IsNullOrEmpty(pid) || pid == Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (forUs && ulong.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0)
        {
            watchdog = TimeSpan.FromMicroseconds(usec);
        }

        return new SystemdNotifier(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"), watchdog);
    }

    /// <summary>Sends <paramref name="state"/> (one or more <c>KEY=value</c> lines); nothing outside systemd.</summary>
    /// <exception cref="SocketException">The socket is gone or refuses the message.</exception>
    /// <exception cref="ArgumentException">The socket name is too long for a Unix socket address.</exception>
    public void Notify(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_socketPath is null)
        {
            return;
        }

        // A socket per message, like sd_notify itself: a few messages a minute, and nothing to re-open if systemd restarts.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(_socketPath));
        socket.Send(Encoding.UTF8.GetBytes(state));
    }
}
