using System.Collections.Concurrent;
using System.Text;
using EdgeWatch.Worker.Interop.Mosquitto;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>
/// Topic strings as validated, NUL-terminated UTF-8 for mosquitto_publish, so publishing to a known topic costs a
/// dictionary lookup and no allocation. Bounded: past <c>capacity</c> distinct topics, new ones are encoded per call.
/// </summary>
internal sealed unsafe class TopicCache(int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, byte[]> _topics = new(StringComparer.Ordinal);

    /// <summary>The topic's UTF-8 bytes plus a terminating NUL; throws <see cref="ArgumentException"/> for an invalid topic name.</summary>
    internal byte[] GetUtf8(string topic)
    {
        if (_topics.TryGetValue(topic, out byte[]? utf8))
        {
            return utf8;
        }

        utf8 = Encode(topic);
        if (_topics.Count < capacity)
        {
            _topics.TryAdd(topic, utf8);
        }

        return utf8;
    }

    private static byte[] Encode(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (topic.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An MQTT topic name cannot contain NUL.", nameof(topic));
        }

        int length = Encoding.UTF8.GetByteCount(topic);
        byte[] utf8 = new byte[length + 1];
        Encoding.UTF8.GetBytes(topic, utf8);
        int rc;
        fixed (byte* p = utf8)
        {
            rc = Libmosquitto.mosquitto_pub_topic_check2(p, (nuint)length);
        }

        if (rc != (int)MosquittoError.Success)
        {
            throw new ArgumentException(
                $"'{topic}' is not a valid MQTT topic name (no + or # wildcards, at most 65535 bytes): {MosquittoStatus.Describe(rc)}",
                nameof(topic));
        }

        return utf8;
    }
}
