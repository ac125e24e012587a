using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>
/// The service manager's end of sd_notify, owned by a test: a Unix datagram socket bound to a file in a private
/// directory, or to a name in the abstract namespace (<c>@name</c>, as systemd writes it), that records every
/// <c>KEY=value</c> line it receives with the time it arrived.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly TempDirectory? _directory;
    private readonly ConcurrentQueue<(TimeSpan At, string Line)> _lines = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Thread _reader;

    private NotifySocket(bool abstractName)
    {
        if (abstractName)
        {
            var name = $"edgewatch-test-{Guid.NewGuid():N}";
            _socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
            Name = "@" + name;
        }
        else
        {
            _directory = new TempDirectory("notify");
            Name = _directory.File("notify.sock");
            _socket.Bind(new UnixDomainSocketEndPoint(Name));
        }

        _reader = new Thread(Read) { IsBackground = true, Name = "notify-socket" };
        _reader.Start();
    }

    /// <summary>What $NOTIFY_SOCKET would say: a path, or <c>@name</c>.</summary>
    public string Name { get; }

    /// <summary>Every line received so far, in order, with when it arrived (since this socket was made).</summary>
    public IReadOnlyList<(TimeSpan At, string Line)> Lines => [.. _lines];

    public static NotifySocket Create(bool abstractName) => new(abstractName);

    public IReadOnlyList<TimeSpan> Times(string line) => [.. Lines.Where(l => l.Line == line).Select(l => l.At)];

    public IReadOnlyList<string> Statuses => [.. Lines.Where(l => l.Line.StartsWith("STATUS=", StringComparison.Ordinal)).Select(l => l.Line[7..])];

    public int Count(string line) => Lines.Count(l => l.Line == line);

    public TimeSpan Now => _clock.Elapsed;

    public string Transcript => string.Join('\n', Lines.Select(l => $"{l.At.TotalSeconds,8:0.000} {l.Line}"));

    public void Dispose()
    {
        _socket.Dispose(); // ends the reader's Receive
        _reader.Join(TimeSpan.FromSeconds(2));
        _directory?.Dispose();
    }

    private void Read()
    {
        var buffer = new byte[4096];
        while (true)
        {
            int length;
            try
            {
                length = _socket.Receive(buffer);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var at = _clock.Elapsed;
            foreach (var line in Encoding.UTF8.GetString(buffer, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                _lines.Enqueue((at, line));
            }
        }
    }
}
