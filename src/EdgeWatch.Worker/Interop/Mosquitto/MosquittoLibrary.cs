namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>
/// Process-wide libmosquitto initialisation. mosquitto_lib_init is not thread safe and must run once before any
/// client exists; mosquitto_lib_cleanup is deliberately never called: it tears down OpenSSL state that a client
/// created later (or one still being destroyed on another thread) would need, and the OS reclaims it at exit anyway.
/// </summary>
internal static unsafe class MosquittoLibrary
{
    private static readonly Lock InitLock = new();
    private static bool s_initialized;

    /// <summary>Initialises the library once per process.</summary>
    internal static void EnsureInitialized()
    {
        lock (InitLock)
        {
            if (s_initialized)
            {
                return;
            }

            MosquittoStatus.ThrowIfFailed(Libmosquitto.mosquitto_lib_init(), "mosquitto_lib_init");
            s_initialized = true;
        }
    }

    /// <summary>The loaded library's version, e.g. 2.0.11.</summary>
    internal static Version LoadedVersion
    {
        get
        {
            int major, minor, revision;
            _ = Libmosquitto.mosquitto_lib_version(&major, &minor, &revision); // always MOSQ_ERR_SUCCESS
            return new Version(major, minor, revision);
        }
    }
}
