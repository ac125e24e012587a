using EdgeWatch.Devices.Sticks;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OpenVino;
using EdgeWatch.Pipeline.Models;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Sticks;

/// <summary>
/// Compiles models onto NCS2 sticks with OpenVINO's MYRIAD plugin. The runtime is opened once, on first use; when it is
/// missing or has no MYRIAD plugin, every stick is reported with that reason and the CPU policy takes over.
/// </summary>
public sealed class OpenVinoStickEngineFactory : IStickEngineFactory, IDisposable
{
    private readonly OpenVinoOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<(OpenVinoRuntime? Runtime, string? Reason)> _runtime;

    public OpenVinoStickEngineFactory(OpenVinoOptions options, int requests, ILogger<OpenVinoStickEngineFactory> logger)
    {
        _options = new OpenVinoOptions
        {
            LibraryPath = options.LibraryPath,
            PerformanceHint = options.PerformanceHint,
            RequestsPerDevice = requests > 0 ? requests : options.RequestsPerDevice,
        };
        _logger = logger;
        _runtime = new Lazy<(OpenVinoRuntime?, string?)>(Open);
    }

    public string? Unavailable => _runtime.Value.Reason;

    public IInferenceEngine Create(ModelDefinition model, Stick stick)
    {
        ArgumentNullException.ThrowIfNull(stick);
        var runtime = _runtime.Value.Runtime ?? throw new DeviceUnavailableException(_runtime.Value.Reason ?? "OpenVINO unavailable");
        if (!MyriadDeviceName.TryChooseCompileTarget(stick.OpenVinoId, runtime.ListDevices(), out var device, out var error))
        {
            throw new DeviceUnavailableException(error);
        }

        return OpenVinoEngine.Load(runtime, model, device, _options);
    }

    public void Dispose()
    {
        if (_runtime.IsValueCreated)
        {
            _runtime.Value.Runtime?.Dispose();
        }
    }

    private (OpenVinoRuntime?, string?) Open()
    {
        if (!OpenVinoRuntime.TryOpen(_options, _logger, out var runtime, out var reason))
        {
            return (null, reason);
        }

        var myriad = runtime.CheckMyriad();
        // A runtime that sees no stick yet is fine (sticks come and go); one that cannot drive any is not.
        return runtime.Version.HasMyriadPlugin ? (runtime, null) : (runtime, myriad.Reason);
    }
}
