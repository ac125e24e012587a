using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using EdgeWatch.Worker.Interop.Mosquitto;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Mqtt;

/// <summary>
/// Compiles a C program against the installed mosquitto.h (Debian package libmosquitto-dev) and checks the enum
/// values and the struct mosquitto_message layout the bindings hard-code.
/// </summary>
public sealed class MosquittoHeaderTests
{
    private static readonly (string C, long Managed)[] Constants =
    [
        ("MOSQ_ERR_CONN_PENDING", (int)MosquittoError.ConnectionPending),
        ("MOSQ_ERR_SUCCESS", (int)MosquittoError.Success),
        ("MOSQ_ERR_NOMEM", (int)MosquittoError.NoMemory),
        ("MOSQ_ERR_PROTOCOL", (int)MosquittoError.Protocol),
        ("MOSQ_ERR_INVAL", (int)MosquittoError.Invalid),
        ("MOSQ_ERR_NO_CONN", (int)MosquittoError.NoConnection),
        ("MOSQ_ERR_CONN_REFUSED", (int)MosquittoError.ConnectionRefused),
        ("MOSQ_ERR_NOT_FOUND", (int)MosquittoError.NotFound),
        ("MOSQ_ERR_CONN_LOST", (int)MosquittoError.ConnectionLost),
        ("MOSQ_ERR_TLS", (int)MosquittoError.Tls),
        ("MOSQ_ERR_PAYLOAD_SIZE", (int)MosquittoError.PayloadSize),
        ("MOSQ_ERR_NOT_SUPPORTED", (int)MosquittoError.NotSupported),
        ("MOSQ_ERR_AUTH", (int)MosquittoError.Auth),
        ("MOSQ_ERR_ACL_DENIED", (int)MosquittoError.AclDenied),
        ("MOSQ_ERR_UNKNOWN", (int)MosquittoError.Unknown),
        ("MOSQ_ERR_ERRNO", (int)MosquittoError.Errno),
        ("MOSQ_ERR_EAI", (int)MosquittoError.AddressInfo),
        ("MOSQ_ERR_MALFORMED_UTF8", (int)MosquittoError.MalformedUtf8),
        ("MOSQ_ERR_KEEPALIVE", (int)MosquittoError.Keepalive),
        ("MOSQ_ERR_LOOKUP", (int)MosquittoError.Lookup),
        ("MOSQ_ERR_TLS_HANDSHAKE", (int)MosquittoError.TlsHandshake),
        ("MOSQ_ERR_QOS_NOT_SUPPORTED", (int)MosquittoError.QosNotSupported),
        ("MOSQ_ERR_OVERSIZE_PACKET", (int)MosquittoError.OversizePacket),
        ("MOSQ_OPT_PROTOCOL_VERSION", (int)MosquittoOption.ProtocolVersion),
        ("MOSQ_OPT_TCP_NODELAY", (int)MosquittoOption.TcpNoDelay),
        ("MOSQ_OPT_TLS_USE_OS_CERTS", (int)MosquittoOption.TlsUseOsCerts),
        ("MQTT_PROTOCOL_V311", MosquittoProtocol.V311),
        ("MQTT_PROTOCOL_V5", MosquittoProtocol.V5),
        ("MOSQ_LOG_INFO", (int)MosquittoLogLevel.Info),
        ("MOSQ_LOG_NOTICE", (int)MosquittoLogLevel.Notice),
        ("MOSQ_LOG_WARNING", (int)MosquittoLogLevel.Warning),
        ("MOSQ_LOG_ERR", (int)MosquittoLogLevel.Error),
        ("MOSQ_LOG_DEBUG", (int)MosquittoLogLevel.Debug),
        ("sizeof(struct mosquitto_message)", Marshal.SizeOf<MosquittoMessage>()),
        ("offsetof(struct mosquitto_message, mid)", Marshal.OffsetOf<MosquittoMessage>(nameof(MosquittoMessage.Mid))),
        ("offsetof(struct mosquitto_message, topic)", Marshal.OffsetOf<MosquittoMessage>(nameof(MosquittoMessage.Topic))),
        ("offsetof(struct mosquitto_message, payload)", Marshal.OffsetOf<MosquittoMessage>(nameof(MosquittoMessage.Payload))),
        ("offsetof(struct mosquitto_message, payloadlen)", Marshal.OffsetOf<MosquittoMessage>(nameof(MosquittoMessage.PayloadLength))),
        ("offsetof(struct mosquitto_message, qos)", Marshal.OffsetOf<MosquittoMessage>(nameof(MosquittoMessage.Qos))),
        ("offsetof(struct mosquitto_message, retain)", Marshal.OffsetOf<MosquittoMessage>(nameof(MosquittoMessage.Retain))),
        ("sizeof(bool)", sizeof(byte)),
    ];

    [Fact]
    public async Task Bound_constants_and_the_message_layout_match_mosquitto_h()
    {
        Assert.True(File.Exists("/usr/include/mosquitto.h"), "mosquitto.h is missing: apt-get install libmosquitto-dev");
        using var directory = new TempDirectory("header");
        var program = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <mosquitto.h>\nint main(void) {\n");
        foreach ((string c, _) in Constants)
        {
            program.Append(CultureInfo.InvariantCulture, $"    printf(\"%ld\\n\", (long)({c}));\n");
        }

        program.Append("    return 0;\n}\n");
        await File.WriteAllTextAsync(directory.File("layout.c"), program.ToString());
        await ExternalProcess.RunCheckedAsync("gcc", "-o", directory.File("layout"), directory.File("layout.c"));

        string[] values = (await ExternalProcess.RunCheckedAsync(directory.File("layout"))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            Constants.Select(x => $"{x.C} = {x.Managed}"),
            Constants.Zip(values, (x, v) => $"{x.C} = {v}"));
    }

    [Fact]
    public void The_loaded_library_is_libmosquitto_2()
    {
        MosquittoLibrary.EnsureInitialized();
        Assert.Equal(2, MosquittoLibrary.LoadedVersion.Major);
    }
}
