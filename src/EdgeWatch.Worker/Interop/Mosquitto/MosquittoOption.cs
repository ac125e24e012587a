namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>enum mosq_opt_t from mosquitto.h, the options this project sets.</summary>
internal enum MosquittoOption
{
    ProtocolVersion = 1,         // MOSQ_OPT_PROTOCOL_VERSION: MQTT_PROTOCOL_V311 = 4, MQTT_PROTOCOL_V5 = 5
    TcpNoDelay = 11,             // MOSQ_OPT_TCP_NODELAY
    TlsUseOsCerts = 13,          // MOSQ_OPT_TLS_USE_OS_CERTS
}
