using System.Collections.Concurrent;
using EdgeWatch.Worker.Interop.Mosquitto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>
/// EdgeWatch's connection to its MQTT broker, over libmosquitto: connects and reconnects with exponential backoff,
/// keeps a retained availability topic (online / offline / last will), re-sends subscriptions on every session, and
/// publishes through a bounded outbox while the broker is unreachable.
/// </summary>
/// <remarks>
/// Threads: a dedicated network thread ("mqtt-network") runs mosquitto_loop, every connection attempt and the
/// libmosquitto callbacks (the log callback also fires on publishing threads); callbacks only record facts. The post-connect sequence (online, subscriptions, outbox
/// flush) runs on that thread after the callback has returned. A second thread ("mqtt-events") raises
/// <see cref="Connected"/> and <see cref="Disconnected"/> and runs subscription handlers, so slow handlers never
/// stall the network. <see cref="Publish"/> and <see cref="Subscribe"/> may be called from any thread, before or
/// after <see cref="Start"/>.
/// Sessions are clean (clean_session = true): nothing relies on the broker keeping session state, which a broker
/// without persistence loses on restart anyway. Subscriptions are re-sent by this class after every CONNACK, and QoS
/// 1/2 messages that were handed to libmosquitto but not acknowledged are re-sent by libmosquitto itself after the
/// reconnect (with DUP set), so a broker restart loses none of them (at-least-once: a message the broker received
/// but whose PUBACK was lost arrives twice).
/// </remarks>
public sealed partial class MqttConnection : IAsyncDisposable, IDisposable
{
    private static readonly byte[] OnlinePayload = "online"u8.ToArray();
    private static readonly byte[] OfflinePayload = "offline"u8.ToArray();

    private readonly MqttOptions _options;
    private readonly ILogger _logger;
    private readonly MosquittoHandle _handle;
    private readonly string _host;
    private readonly int _port;
    private readonly byte[] _availabilityTopicUtf8;
    private readonly TopicCache _topics = new();
    private readonly ReconnectBackoff _backoff;

    private readonly ManualResetEventSlim _stopSignal = new(false);
    private readonly TaskCompletionSource _networkStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _eventsStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly BlockingCollection<object> _events = [];
    private Thread? _networkThread;
    private Thread? _eventThread;
    private int _started;
    private int _disposed;

    private volatile int _state = (int)MqttConnectionState.Disconnected;
    private volatile ErrorRecord? _lastError;
    private long _connectAttempts;
    private long _reconnects;

    /// <summary>Creates the connection from validated options; <see cref="Start"/> begins connecting.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names its key.</exception>
    /// <exception cref="MqttException">libmosquitto refused the configuration (e.g. an unreadable TLS file).</exception>
    public MqttConnection(IOptions<MqttOptions> options, ILogger<MqttConnection> logger)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, logger)
    {
    }

    /// <inheritdoc cref="MqttConnection(IOptions{MqttOptions}, ILogger{MqttConnection})"/>
    public MqttConnection(MqttOptions options, ILogger<MqttConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        MqttOptionsValidator.ThrowIfInvalid(options);
        string? password = MqttPasswordFile.Resolve(options);

        _options = options;
        _logger = logger;
        _host = options.Host;
        _port = options.EffectivePort;
        ClientId = options.EffectiveClientId;
        AvailabilityTopic = options.EffectiveAvailabilityTopic;
        _outbox = new MqttOutbox(options.QueueLimit.Messages, options.QueueLimit.Bytes);
        _backoff = new ReconnectBackoff(options.ReconnectDelay.Min, options.ReconnectDelay.Max);

        _handle = MosquittoHandle.Create(ClientId, cleanSession: true, new CallbackTarget(this));
        try
        {
            _availabilityTopicUtf8 = _topics.GetUtf8(AvailabilityTopic);
            Configure(password);
        }
        catch
        {
            _handle.Dispose();
            _stopSignal.Dispose();
            _events.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Raised on the events thread after every successful (re)connection, once <c>online</c> is published and
    /// subscriptions are re-sent: re-publish retained states and discovery here.
    /// </summary>
    public event EventHandler<MqttConnectedEventArgs>? Connected;

    /// <summary>Raised on the events thread when an established connection is lost.</summary>
    public event EventHandler<MqttDisconnectedEventArgs>? Disconnected;

    /// <summary>The MQTT client id in use.</summary>
    public string ClientId { get; }

    /// <summary>The retained availability topic (<c>online</c>/<c>offline</c>), for discovery payloads.</summary>
    public string AvailabilityTopic { get; }

    /// <summary>True while the broker has accepted the session.</summary>
    public bool IsConnected => _linkUp;

    public MqttConnectionState State => (MqttConnectionState)_state;

    /// <summary>The most recent failure, kept after a later success; see <see cref="MqttConnectionStatus.LastError"/>.</summary>
    public string? LastError => _lastError?.Text;

    public long ConnectAttempts => Interlocked.Read(ref _connectAttempts);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>A consistent snapshot of state and counters for health reporting.</summary>
    public MqttConnectionStatus Status
    {
        get
        {
            ErrorRecord? error = _lastError;
            lock (_outboxLock)
            {
                return new MqttConnectionStatus(
                    Connected: _linkUp,
                    State: State,
                    LastError: error?.Text,
                    LastErrorAt: error?.At,
                    ConnectAttempts: ConnectAttempts,
                    Reconnects: Reconnects,
                    QueuedMessages: _outbox.Count,
                    QueuedBytes: _outbox.Bytes,
                    InFlight: Math.Max(0, _ledger.AwaitingAckCount), // briefly -1 when an ack beats its publisher's bookkeeping
                    DroppedTelemetry: _outbox.DroppedTelemetry,
                    DroppedState: _outbox.DroppedState,
                    DroppedEvent: _outbox.DroppedEvent,
                    Coalesced: _outbox.Coalesced,
                    IncomingDropped: Interlocked.Read(ref _incomingDropped));
            }
        }
    }

    /// <summary>Starts connecting in the background; attach <see cref="Connected"/> and subscriptions first.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The MQTT connection is already started.");
        }

        _eventThread = new Thread(RunEventLoop) { IsBackground = true, Name = "mqtt-events" };
        _eventThread.Start();
        _networkThread = new Thread(RunNetworkLoop) { IsBackground = true, Name = "mqtt-network" };
        _networkThread.Start();
    }

    private unsafe void Configure(string? password)
    {
        MosquittoStatus.ThrowIfFailed(
            Libmosquitto.mosquitto_int_option(
                _handle, MosquittoOption.ProtocolVersion, _options.IsMqtt5 ? MosquittoProtocol.V5 : MosquittoProtocol.V311),
            "mosquitto_int_option(MOSQ_OPT_PROTOCOL_VERSION)");
        MosquittoStatus.ThrowIfFailed(
            Libmosquitto.mosquitto_int_option(_handle, MosquittoOption.TcpNoDelay, 1), "mosquitto_int_option(MOSQ_OPT_TCP_NODELAY)");

        if (!string.IsNullOrEmpty(_options.Username))
        {
            if (!string.IsNullOrEmpty(_options.Password) && !string.IsNullOrEmpty(_options.PasswordFile))
            {
                MqttLog.PasswordFileWins(_logger, _options.PasswordFile);
            }

            MosquittoStatus.ThrowIfFailed(
                Libmosquitto.mosquitto_username_pw_set(_handle, _options.Username, password), "mosquitto_username_pw_set");
        }

        fixed (byte* offline = OfflinePayload)
        {
            MosquittoStatus.ThrowIfFailed(
                Libmosquitto.mosquitto_will_set(_handle, AvailabilityTopic, OfflinePayload.Length, offline, 1, true),
                "mosquitto_will_set");
        }

        if (_options.Tls.Enabled)
        {
            ConfigureTls(_options.Tls);
        }
    }

    private unsafe void ConfigureTls(MqttTlsOptions tls)
    {
        if (!string.IsNullOrEmpty(tls.CaFile))
        {
            MosquittoStatus.ThrowIfFailed(
                Libmosquitto.mosquitto_tls_set(_handle, tls.CaFile, null, NullIfEmpty(tls.CertFile), NullIfEmpty(tls.KeyFile), null),
                "mosquitto_tls_set");
        }
        else
        {
            // No CA given: trust the operating system's CAs. MOSQ_OPT_TLS_USE_OS_CERTS alone is not enough in
            // libmosquitto 2.0.11: every reconnect then fails with MOSQ_ERR_INVAL ("used without specifying cafile,
            // capath or psk"), so the OS CA directory is passed as capath as well.
            MosquittoStatus.ThrowIfFailed(
                Libmosquitto.mosquitto_int_option(_handle, MosquittoOption.TlsUseOsCerts, 1), "mosquitto_int_option(MOSQ_OPT_TLS_USE_OS_CERTS)");
            MosquittoStatus.ThrowIfFailed(
                Libmosquitto.mosquitto_tls_set(_handle, null, OsCaDirectory, NullIfEmpty(tls.CertFile), NullIfEmpty(tls.KeyFile), null),
                "mosquitto_tls_set");
        }

        if (tls.Insecure)
        {
            MosquittoStatus.ThrowIfFailed(Libmosquitto.mosquitto_tls_opts_set(_handle, 0, null, null), "mosquitto_tls_opts_set"); // SSL_VERIFY_NONE
            MosquittoStatus.ThrowIfFailed(Libmosquitto.mosquitto_tls_insecure_set(_handle, true), "mosquitto_tls_insecure_set");
            MqttLog.TlsInsecure(_logger);
        }
    }

    /// <summary>OpenSSL's CA directory: $SSL_CERT_DIR if set (OpenSSL honours it too), else Debian's.</summary>
    private static string OsCaDirectory =>
        Environment.GetEnvironmentVariable("SSL_CERT_DIR") is { Length: > 0 } directory ? directory : "/etc/ssl/certs";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private void SetState(MqttConnectionState state) => _state = (int)state;

    private void RecordError(string text) => _lastError = new ErrorRecord(text, DateTimeOffset.UtcNow);

    private sealed record ErrorRecord(string Text, DateTimeOffset At);
}
