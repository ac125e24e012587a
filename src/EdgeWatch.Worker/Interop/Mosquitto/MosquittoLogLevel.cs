namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>The MOSQ_LOG_* levels passed to the log callback.</summary>
[Flags]
internal enum MosquittoLogLevel
{
    None = 0,                    // MOSQ_LOG_NONE
    Info = 1 << 0,               // MOSQ_LOG_INFO
    Notice = 1 << 1,             // MOSQ_LOG_NOTICE
    Warning = 1 << 2,            // MOSQ_LOG_WARNING
    Error = 1 << 3,              // MOSQ_LOG_ERR
    Debug = 1 << 4,              // MOSQ_LOG_DEBUG
}
