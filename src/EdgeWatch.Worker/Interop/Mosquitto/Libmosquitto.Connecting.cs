using System.Runtime.InteropServices;

namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>Connection set-up, the network loop and disconnection.</summary>
internal static unsafe partial class Libmosquitto
{
    // int mosquitto_username_pw_set(struct mosquitto *mosq, const char *username, const char *password);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_username_pw_set(MosquittoHandle mosq, string? username, string? password);

    // int mosquitto_will_set(struct mosquitto *mosq, const char *topic, int payloadlen, const void *payload, int qos, bool retain);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_will_set(
        MosquittoHandle mosq, string topic, int payloadlen, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain);

    // int mosquitto_connect_async(struct mosquitto *mosq, const char *host, int port, int keepalive);
    // MOSQ_ERR_ERRNO leaves the reason in errno, hence SetLastError.
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int mosquitto_connect_async(MosquittoHandle mosq, string host, int port, int keepalive);

    // int mosquitto_reconnect_async(struct mosquitto *mosq);
    [LibraryImport(LibraryName, SetLastError = true)]
    internal static partial int mosquitto_reconnect_async(MosquittoHandle mosq);

    // int mosquitto_disconnect(struct mosquitto *mosq);
    [LibraryImport(LibraryName)]
    internal static partial int mosquitto_disconnect(MosquittoHandle mosq);

    // int mosquitto_loop(struct mosquitto *mosq, int timeout, int max_packets);
    // timeout in milliseconds; max_packets is unused and must be 1.
    [LibraryImport(LibraryName, SetLastError = true)]
    internal static partial int mosquitto_loop(MosquittoHandle mosq, int timeout, int max_packets);

    // int mosquitto_tls_set(struct mosquitto *mosq, const char *cafile, const char *capath, const char *certfile,
    //                       const char *keyfile, int (*pw_callback)(char *buf, int size, int rwflag, void *userdata));
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_tls_set(
        MosquittoHandle mosq, string? cafile, string? capath, string? certfile, string? keyfile,
        delegate* unmanaged[Cdecl]<byte*, int, int, void*, int> pw_callback);

    // int mosquitto_tls_insecure_set(struct mosquitto *mosq, bool value);
    [LibraryImport(LibraryName)]
    internal static partial int mosquitto_tls_insecure_set(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool value);

    // int mosquitto_tls_opts_set(struct mosquitto *mosq, int cert_reqs, const char *tls_version, const char *ciphers);
    // cert_reqs: 0 = SSL_VERIFY_NONE, 1 = SSL_VERIFY_PEER.
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_tls_opts_set(MosquittoHandle mosq, int cert_reqs, string? tls_version, string? ciphers);
}
