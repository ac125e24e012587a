namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>enum mosq_err_t from mosquitto.h (values checked against the header by a compiled test).</summary>
internal enum MosquittoError
{
    ConnectionPending = -1,      // MOSQ_ERR_CONN_PENDING
    Success = 0,                 // MOSQ_ERR_SUCCESS
    NoMemory = 1,                // MOSQ_ERR_NOMEM
    Protocol = 2,                // MOSQ_ERR_PROTOCOL
    Invalid = 3,                 // MOSQ_ERR_INVAL
    NoConnection = 4,            // MOSQ_ERR_NO_CONN
    ConnectionRefused = 5,       // MOSQ_ERR_CONN_REFUSED
    NotFound = 6,                // MOSQ_ERR_NOT_FOUND
    ConnectionLost = 7,          // MOSQ_ERR_CONN_LOST
    Tls = 8,                     // MOSQ_ERR_TLS
    PayloadSize = 9,             // MOSQ_ERR_PAYLOAD_SIZE
    NotSupported = 10,           // MOSQ_ERR_NOT_SUPPORTED
    Auth = 11,                   // MOSQ_ERR_AUTH
    AclDenied = 12,              // MOSQ_ERR_ACL_DENIED
    Unknown = 13,                // MOSQ_ERR_UNKNOWN
    Errno = 14,                  // MOSQ_ERR_ERRNO
    AddressInfo = 15,            // MOSQ_ERR_EAI
    MalformedUtf8 = 18,          // MOSQ_ERR_MALFORMED_UTF8
    Keepalive = 19,              // MOSQ_ERR_KEEPALIVE
    Lookup = 20,                 // MOSQ_ERR_LOOKUP
    TlsHandshake = 23,           // MOSQ_ERR_TLS_HANDSHAKE
    QosNotSupported = 24,        // MOSQ_ERR_QOS_NOT_SUPPORTED
    OversizePacket = 25,         // MOSQ_ERR_OVERSIZE_PACKET
}
