using System.Runtime.InteropServices;

namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>Callback registration. Callbacks run on the thread that calls mosquitto_loop; the log callback also on publishing threads.</summary>
internal static unsafe partial class Libmosquitto
{
    // void mosquitto_connect_callback_set(struct mosquitto *mosq, void (*on_connect)(struct mosquitto *, void *, int));
    [LibraryImport(LibraryName)]
    internal static partial void mosquitto_connect_callback_set(
        MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void> on_connect);

    // void mosquitto_disconnect_callback_set(struct mosquitto *mosq, void (*on_disconnect)(struct mosquitto *, void *, int));
    [LibraryImport(LibraryName)]
    internal static partial void mosquitto_disconnect_callback_set(
        MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void> on_disconnect);

    // void mosquitto_publish_callback_set(struct mosquitto *mosq, void (*on_publish)(struct mosquitto *, void *, int));
    [LibraryImport(LibraryName)]
    internal static partial void mosquitto_publish_callback_set(
        MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void> on_publish);

    // void mosquitto_message_callback_set(struct mosquitto *mosq, void (*on_message)(struct mosquitto *, void *, const struct mosquitto_message *));
    [LibraryImport(LibraryName)]
    internal static partial void mosquitto_message_callback_set(
        MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, MosquittoMessage*, void> on_message);

    // void mosquitto_subscribe_callback_set(struct mosquitto *mosq, void (*on_subscribe)(struct mosquitto *, void *, int, int, const int *));
    [LibraryImport(LibraryName)]
    internal static partial void mosquitto_subscribe_callback_set(
        MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, int, int*, void> on_subscribe);

    // void mosquitto_log_callback_set(struct mosquitto *mosq, void (*on_log)(struct mosquitto *, void *, int, const char *));
    [LibraryImport(LibraryName)]
    internal static partial void mosquitto_log_callback_set(
        MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, byte*, void> on_log);
}
