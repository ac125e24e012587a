using System.Runtime.InteropServices;

namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>
/// Raw imports from libmosquitto 2.0 (Debian package libmosquitto1). The native snake_case names stay in this
/// class; the C signature from mosquitto.h is beside each import. This part: library and client lifecycle.
/// </summary>
internal static unsafe partial class Libmosquitto
{
    internal const string LibraryName = "libmosquitto.so.1";

    // int mosquitto_lib_init(void);
    [LibraryImport(LibraryName)]
    internal static partial int mosquitto_lib_init();

    // int mosquitto_lib_version(int *major, int *minor, int *revision);
    [LibraryImport(LibraryName)]
    internal static partial int mosquitto_lib_version(int* major, int* minor, int* revision);

    // struct mosquitto *mosquitto_new(const char *id, bool clean_session, void *obj);
    // NULL with errno ENOMEM or EINVAL on failure.
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial MosquittoHandle mosquitto_new(string? id, [MarshalAs(UnmanagedType.U1)] bool clean_session, IntPtr obj);

    // void mosquitto_destroy(struct mosquitto *mosq);
    [LibraryImport(LibraryName)]
    internal static partial void mosquitto_destroy(IntPtr mosq);

    // int mosquitto_threaded_set(struct mosquitto *mosq, bool threaded);
    [LibraryImport(LibraryName)]
    internal static partial int mosquitto_threaded_set(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool threaded);

    // int mosquitto_int_option(struct mosquitto *mosq, enum mosq_opt_t option, int value);
    [LibraryImport(LibraryName)]
    internal static partial int mosquitto_int_option(MosquittoHandle mosq, MosquittoOption option, int value);
}
