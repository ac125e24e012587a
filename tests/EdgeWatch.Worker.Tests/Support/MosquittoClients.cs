using System.Globalization;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>One-shot mosquitto_sub / mosquitto_pub runs against a test broker.</summary>
internal static class MosquittoClients
{
    /// <summary>
    /// Connects a fresh subscriber and returns the first <paramref name="count"/> messages it gets (retained ones
    /// arrive at once), or fails after <paramref name="seconds"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ReceivedMessage>> ReadAsync(
        MosquittoBroker broker, string topicFilter, int count, int seconds = 10, params string[] extraArguments)
    {
        (int exitCode, string stdout, string stderr) = await ExternalProcess.RunAsync(
            "mosquitto_sub",
            [
                "-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topicFilter, "-q", "1",
                "-C", count.ToString(CultureInfo.InvariantCulture), "-W", seconds.ToString(CultureInfo.InvariantCulture),
                "-F", ReceivedMessage.Format, .. extraArguments,
            ],
            TimeSpan.FromSeconds(seconds + 10));
        List<ReceivedMessage> messages = [.. stdout.Split('\n').Select(ReceivedMessage.TryParse).OfType<ReceivedMessage>()];
        Assert.True(exitCode == 0 && messages.Count == count,
            $"expected {count} messages on {topicFilter}, mosquitto_sub exited {exitCode} with {messages.Count}:\n{stdout}{stderr}");
        return messages;
    }

    /// <summary>Every retained message under <paramref name="topicFilter"/>: a fresh subscriber collects them for 2 s.</summary>
    public static async Task<IReadOnlyList<ReceivedMessage>> ReadAllRetainedAsync(MosquittoBroker broker, string topicFilter)
    {
        (int exitCode, string stdout, string stderr) = await ExternalProcess.RunAsync(
            "mosquitto_sub",
            [
                "-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topicFilter, "-q", "1",
                "--retained-only", "-W", "2", "-F", ReceivedMessage.Format,
            ]);
        Assert.True(exitCode is 0 or 27, $"mosquitto_sub exited {exitCode}: {stderr}"); // 27: the -W timeout, expected here
        return [.. stdout.Split('\n').Select(ReceivedMessage.TryParse).OfType<ReceivedMessage>()];
    }

    /// <summary>The retained message on one topic.</summary>
    public static async Task<ReceivedMessage> ReadRetainedAsync(MosquittoBroker broker, string topic, params string[] extraArguments)
    {
        ReceivedMessage message = (await ReadAsync(broker, topic, 1, 10, extraArguments))[0];
        Assert.True(message.Retain, $"{message} is not retained");
        return message;
    }

    public static Task PublishAsync(MosquittoBroker broker, string topic, string payload, int qos = 1, bool retain = false) =>
        ExternalProcess.RunCheckedAsync(
            "mosquitto_pub",
            [
                "-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topic, "-m", payload,
                "-q", qos.ToString(CultureInfo.InvariantCulture), .. (retain ? (string[])["-r"] : []),
            ]);
}
