using System.Runtime.InteropServices;

namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>Publishing, subscribing and topic checks.</summary>
internal static unsafe partial class Libmosquitto
{
    // int mosquitto_publish(struct mosquitto *mosq, int *mid, const char *topic, int payloadlen, const void *payload, int qos, bool retain);
    // The topic is a pre-encoded NUL-terminated UTF-8 buffer so the hot path does not allocate; the payload is copied by the library.
    [LibraryImport(LibraryName)]
    internal static partial int mosquitto_publish(
        MosquittoHandle mosq, int* mid, byte* topic, int payloadlen, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain);

    // int mosquitto_subscribe(struct mosquitto *mosq, int *mid, const char *sub, int qos);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_subscribe(MosquittoHandle mosq, int* mid, string sub, int qos);

    // int mosquitto_pub_topic_check2(const char *topic, size_t topiclen);
    [LibraryImport(LibraryName)]
    internal static partial int mosquitto_pub_topic_check2(byte* topic, nuint topiclen);

    // int mosquitto_sub_topic_check(const char *topic);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_sub_topic_check(string topic);

    // int mosquitto_topic_matches_sub(const char *sub, const char *topic, bool *result);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_topic_matches_sub(string sub, string topic, [MarshalAs(UnmanagedType.U1)] out bool result);
}
