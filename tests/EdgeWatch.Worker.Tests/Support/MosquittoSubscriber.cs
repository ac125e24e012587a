using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>
/// An independent consumer: a long-running <c>mosquitto_sub</c> (MQTT 5, retain-as-published, so the retain flag of
/// live messages is visible) collecting everything it prints. Disposing kills it.
/// </summary>
internal sealed class MosquittoSubscriber : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();
    private readonly ConcurrentQueue<string> _output = new();
    private volatile bool _subscribed;

    private MosquittoSubscriber(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<ReceivedMessage> Messages => [.. _messages];

    public string Output => string.Join('\n', _output);

    /// <summary>Starts mosquitto_sub on <paramref name="topicFilter"/> at QoS 2 and waits for its SUBACK.</summary>
    public static async Task<MosquittoSubscriber> StartAsync(MosquittoBroker broker, string topicFilter, params string[] extraArguments)
    {
        // stdbuf: on a pipe mosquitto_sub flushes only after a message, so its SUBACK debug line would sit in a buffer.
        var startInfo = new ProcessStartInfo("stdbuf")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[
            "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topicFilter, "-q", "2",
            "-V", "mqttv5", "--retain-as-published", "-d", "-F", ReceivedMessage.Format, .. extraArguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var subscriber = new MosquittoSubscriber(process);
        process.OutputDataReceived += (_, e) => subscriber.Record(e.Data);
        process.ErrorDataReceived += (_, e) => subscriber.Record(e.Data);
        process.Start();
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await Eventually.TrueAsync(() => subscriber._subscribed || process.HasExited, $"mosquitto_sub's SUBACK; it printed:\n{subscriber.Output}");
            Assert.True(subscriber._subscribed, $"mosquitto_sub exited: {subscriber.Output}");
            return subscriber;
        }
        catch
        {
            await subscriber.DisposeAsync(); // never leave it running
            throw;
        }
    }

    public IReadOnlyList<ReceivedMessage> On(string topic) => [.. _messages.Where(m => m.Topic == topic)];

    public Task WaitForAsync(Func<IReadOnlyList<ReceivedMessage>, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => condition(Messages), $"{what}; mosquitto_sub saw:\n{string.Join('\n', Messages)}", timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.Contains("received SUBACK", StringComparison.Ordinal))
        {
            _subscribed = true;
        }
        else if (ReceivedMessage.TryParse(line) is { } message)
        {
            _messages.Enqueue(message);
        }
    }
}
