using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdgeWatch.Pipeline.Interop.OpenVino;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWatch.Pipeline.Inference.OpenVino;

/// <summary>
/// A loaded OpenVINO runtime and its core: version, devices, device properties, and the models compiled through it.
/// Opening never throws: a missing library, an unusable version or a failing core come back as a reason, so the daemon
/// can report the backend as unavailable and go on.
/// </summary>
/// <remarks>
/// Thread-safe. Engines loaded through a runtime keep its core alive until they are disposed, whatever the order of
/// disposal.
/// </remarks>
public sealed partial class OpenVinoRuntime : IDisposable
{
    private readonly ILogger _logger;

    private OpenVinoRuntime(OvApi api, OvCore core, OvElementTypeTable elementTypes, OpenVinoVersion version, ILogger logger)
    {
        Api = api;
        Core = core;
        ElementTypes = elementTypes;
        Version = version;
        _logger = logger;
    }

    /// <summary>The runtime's release, e.g. 2022.3.0, with its full build number.</summary>
    public OpenVinoVersion Version { get; }

    /// <summary>The library file in use.</summary>
    public string LibraryPath => Api.LoadedFrom;

    /// <summary>The releases whose element-type numbering is in use ("2022.3 – 2024.1").</summary>
    public string ElementTypeNumbering => ElementTypes.Releases;

    internal OvApi Api { get; }

    internal OvCore Core { get; }

    internal OvElementTypeTable ElementTypes { get; }

    internal ILogger Logger => _logger;

    /// <summary>Loads the runtime and creates a core, or says why it cannot.</summary>
    /// <param name="options">Where the library is (<see cref="OpenVinoOptions.LibraryPath"/>); defaults otherwise.</param>
    /// <param name="logger">Receives the version on success.</param>
    /// <param name="runtime">The runtime, when it could be opened.</param>
    /// <param name="reason">Why not, e.g. "runtime unavailable: libopenvino_c.so not found (looked in ...)".</param>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Opening reports every failure as a reason; nothing escapes to the daemon.")]
    public static bool TryOpen(OpenVinoOptions? options, ILogger? logger, [NotNullWhen(true)] out OpenVinoRuntime? runtime, [NotNullWhen(false)] out string? reason)
    {
        logger ??= NullLogger.Instance;
        runtime = null;
        try
        {
            options?.Validate();
            OvApi api;
            try
            {
                api = OvLibrary.Load(options?.LibraryPath);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                reason = $"runtime unavailable: {e.Message}";
                return false;
            }

            var (buildNumber, description) = OvCore.ReadVersion(api);
            var version = OpenVinoVersion.Parse(buildNumber);
            if (version is null)
            {
                reason = $"runtime unavailable: {api.LoadedFrom} reports version '{buildNumber}', which EdgeWatch cannot read";
                return false;
            }

            version = version with { Description = description };
            var elementTypes = OvElementTypeTable.For(version);
            if (elementTypes is null)
            {
                reason = version < OvElementTypeTable.Oldest
                    ? $"OpenVINO {version} predates the 2.0 C API EdgeWatch binds (2022.3 or later; an NCS2 needs 2022.3)"
                    : $"OpenVINO {version} is newer than any release EdgeWatch knows (2022.3 to {OvElementTypeTable.FirstUnknownMajor - 1}.x): " +
                      "its element-type numbering cannot be trusted, so EdgeWatch will not use it (an NCS2 needs 2022.3)";
                return false;
            }

            var core = OvCore.Create(api);
            runtime = new OpenVinoRuntime(api, core, elementTypes, version, logger);
            LogLoaded(logger, version, version.BuildNumber, api.LoadedFrom, elementTypes.Releases);
            reason = null;
            return true;
        }
        catch (Exception e)
        {
            runtime?.Dispose();
            runtime = null;
            reason = $"runtime unavailable: {e.Message}";
            return false;
        }
    }

    /// <summary>AVAILABLE_DEVICES: "CPU", "GPU", "MYRIAD" (one stick) or "MYRIAD.1.3-ma2480", ... (several).</summary>
    /// <exception cref="OpenVinoException">The runtime could not list its devices.</exception>
    public IReadOnlyList<string> ListDevices() => Core.AvailableDevices();

    /// <summary>Whether NCS2 sticks can be used now; never throws.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Health must get a reason, not an exception.")]
    public MyriadAvailability CheckMyriad()
    {
        if (!Version.HasMyriadPlugin)
        {
            return Unavailable($"OpenVINO {Version} has no MYRIAD plugin (NCS2 needs 2022.3)");
        }

        IReadOnlyList<string> devices;
        try
        {
            devices = ListDevices();
        }
        catch (Exception e)
        {
            return Unavailable($"OpenVINO {Version} cannot list its devices: {e.Message}");
        }

        var sticks = devices.Where(MyriadDeviceName.IsMyriad).ToList();
        return sticks.Count > 0
            ? new MyriadAvailability(true, sticks, null)
            : Unavailable($"OpenVINO {Version} sees no NCS2 stick (AVAILABLE_DEVICES: {(devices.Count == 0 ? "none" : string.Join(", ", devices))}); " +
                          "check the USB connection and OpenVINO's udev rules (97-myriad-usbboot.rules)");

        MyriadAvailability Unavailable(string reason)
        {
            LogMyriadUnavailable(_logger, reason);
            return new MyriadAvailability(false, [], reason);
        }
    }

    /// <summary>FULL_DEVICE_NAME ("Intel Movidius Myriad X VPU"), or null when the device does not answer.</summary>
    public string? ReadFullDeviceName(string device) => TryReadProperty(device, "FULL_DEVICE_NAME");

    /// <summary>
    /// DEVICE_THERMAL of a stick in °C, or null: the plugin answers only for a stick this process has booted, and needs
    /// the id ("MYRIAD.1.3-ma2480") when several are present.
    /// </summary>
    public float? ReadDeviceThermal(string device) => ParseCelsius(TryReadProperty(device, "DEVICE_THERMAL"));

    public void Dispose() => Core.Dispose();

    /// <summary>The first number of a DEVICE_THERMAL value ("41.5", or "41.5 40.2" on some builds).</summary>
    internal static float? ParseCelsius(string? value)
    {
        var first = value?.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return float.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var celsius) && float.IsFinite(celsius) ? celsius : null;
    }

    private string? TryReadProperty(string device, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        try
        {
            var value = Core.GetProperty(device, key);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
        catch (OpenVinoException e)
        {
            LogPropertyUnavailable(_logger, key, device, e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "OpenVINO {Version} ({BuildNumber}) loaded from {Path}; element types numbered as in {Numbering}")]
    private static partial void LogLoaded(ILogger logger, OpenVinoVersion version, string buildNumber, string path, string numbering);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "NCS2 unavailable: {Reason}")]
    private static partial void LogMyriadUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "OpenVINO property {Key} of {Device} unavailable: {Message}")]
    private static partial void LogPropertyUnavailable(ILogger logger, string key, string device, string message);
}
