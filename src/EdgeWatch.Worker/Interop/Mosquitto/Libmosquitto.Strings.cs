using System.Runtime.InteropServices;

namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>
/// The library's own texts for its status codes. They return static strings that must not be freed, so they are
/// imported as byte* and decoded by hand (a string return would make the marshaller free them).
/// </summary>
internal static unsafe partial class Libmosquitto
{
    // const char *mosquitto_strerror(int mosq_errno);
    [LibraryImport(LibraryName)]
    internal static partial byte* mosquitto_strerror(int mosq_errno);

    // const char *mosquitto_connack_string(int connack_code);
    [LibraryImport(LibraryName)]
    internal static partial byte* mosquitto_connack_string(int connack_code);

    // const char *mosquitto_reason_string(int reason_code);
    [LibraryImport(LibraryName)]
    internal static partial byte* mosquitto_reason_string(int reason_code);
}
