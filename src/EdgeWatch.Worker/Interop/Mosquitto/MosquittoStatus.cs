using System.Runtime.InteropServices;
using EdgeWatch.Worker.Mqtt;

namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>
/// The one place that turns libmosquitto status codes (MOSQ_ERR_*, CONNACK and v5 reason codes) into text and into
/// the public <see cref="MqttException"/>, using the library's own messages.
/// </summary>
internal static unsafe class MosquittoStatus
{
    /// <summary>
    /// Throws for a failed call. Call it right after the import: for MOSQ_ERR_ERRNO it reads the errno that a
    /// SetLastError import captured on this thread.
    /// </summary>
    internal static void ThrowIfFailed(int rc, string operation)
    {
        if (rc != (int)MosquittoError.Success)
        {
            throw Failure(operation, rc, rc == (int)MosquittoError.Errno ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    internal static MqttException Failure(string operation, int rc, int errno = 0) =>
        new($"{operation} failed: {Describe(rc, errno)}", rc);

    /// <summary>mosquitto_strerror's text; for MOSQ_ERR_ERRNO the text of the errno captured with the failure.</summary>
    internal static string Describe(int rc, int errno = 0)
    {
        if (rc == (int)MosquittoError.Errno)
        {
            // mosquitto_strerror(MOSQ_ERR_ERRNO) formats whatever errno holds at the time of *that* call.
            return errno != 0 ? Marshal.GetPInvokeErrorMessage(errno) : "a system call failed";
        }

        return Decode(Libmosquitto.mosquitto_strerror(rc))?.TrimEnd('.') ?? $"libmosquitto error {rc}";
    }

    /// <summary>
    /// A refused CONNACK as one short line, e.g. "not authorised (CONNACK 5)": mosquitto_connack_string for
    /// MQTT 3.1.1 return codes, mosquitto_reason_string for MQTT 5 reason codes.
    /// </summary>
    internal static string DescribeConnack(int code, bool mqtt5)
    {
        string? text = Decode(mqtt5 ? Libmosquitto.mosquitto_reason_string(code) : Libmosquitto.mosquitto_connack_string(code));
        if (string.IsNullOrWhiteSpace(text))
        {
            text = "refused";
        }

        const string RefusedPrefix = "Connection Refused: ";
        if (text.StartsWith(RefusedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[RefusedPrefix.Length..];
        }

        text = text.TrimEnd('.');
        return $"{char.ToLowerInvariant(text[0])}{text[1..]} (CONNACK {code})";
    }

    private static string? Decode(byte* text) => text is null ? null : Marshal.PtrToStringUTF8((IntPtr)text);
}
