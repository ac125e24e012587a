using System.Collections.Concurrent;
using EdgeWatch.Devices.Sticks;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Preprocessing;
using EdgeWatch.Worker.Sticks;

namespace EdgeWatch.Worker.Tests.Sticks;

/// <summary>What a stand-in stick does when asked to boot or infer.</summary>
internal enum StickBehaviour
{
    Healthy,
    FailsToBoot,
    InferenceThrows,
    InferenceHangs,
}

/// <summary>
/// Sticks backed by real ONNX Runtime inference, injected at the stick engine factory (where OpenVINO would compile onto
/// a real stick). Like a real stick, a stand-in's requests fail with an X_LINK error once its sysfs entry is gone, so
/// "pulling" a stick is removing its directory from the fake sysfs tree.
/// </summary>
internal sealed class OnnxStandInSticks(string devicesDirectory) : IStickEngineFactory
{
    public ConcurrentDictionary<string, StickBehaviour> Behaviour { get; } = new();

    /// <summary>Called during a boot, before the model loads (e.g. to re-enumerate the stick as booted).</summary>
    public Action<Stick>? DuringBoot { get; set; }

    public int Boots => _boots;

    public string? Unavailable => null;

    private int _boots;

    public IInferenceEngine Create(ModelDefinition model, Stick stick)
    {
        ArgumentNullException.ThrowIfNull(stick);
        Interlocked.Increment(ref _boots);
        DuringBoot?.Invoke(stick);
        var behaviour = Behaviour.GetValueOrDefault(stick.Port);
        if (behaviour == StickBehaviour.FailsToBoot)
        {
            throw new DeviceUnavailableException($"{stick.OpenVinoDeviceName}: Can not init Myriad device: NC_ERROR");
        }

        return new StandInEngine(OnnxRuntimeEngine.Load(model, new OnnxRuntimeOptions { IntraOpThreads = 1, AllowSpinning = false }),
            stick.OpenVinoDeviceName, Path.Combine(devicesDirectory, stick.Port), () => Behaviour.GetValueOrDefault(stick.Port));
    }

    private sealed class StandInEngine(OnnxRuntimeEngine inner, string device, string sysfsEntry, Func<StickBehaviour> behaviour) : IInferenceEngine
    {
        public string Device => device;

        public ModelDefinition Model => inner.Model;

        public PreprocessSpec Input => inner.Input;

        public IReadOnlyList<TensorDescription> Outputs => inner.Outputs;

        public int MaxRequests => 2;

        public IInferenceRequest CreateRequest() => new StandInRequest(inner.CreateRequest(), device, sysfsEntry, behaviour);

        public void Dispose() => inner.Dispose();
    }

    private sealed class StandInRequest(IInferenceRequest inner, string device, string sysfsEntry, Func<StickBehaviour> behaviour) : IInferenceRequest
    {
        private readonly ManualResetEventSlim _aborted = new();

        public TensorBuffer Input => inner.Input;

        public IReadOnlyList<OutputTensor> Outputs => inner.Outputs;

        public void Run(TimeSpan timeout)
        {
            switch (behaviour())
            {
                case StickBehaviour.InferenceThrows:
                    throw new DeviceLostException($"{device}: Failed to queue inference: NC_ERROR");
                case StickBehaviour.InferenceHangs:
                    _aborted.Wait(); // until the worker's watchdog gives up on us
                    throw new InferenceTimeoutException($"{device}: aborted");
            }

            Present();
            inner.Run(timeout);
            Present();
        }

        public void Abort() => _aborted.Set();

        public void Dispose()
        {
            inner.Dispose();
            _aborted.Dispose();
        }

        private void Present()
        {
            if (!Directory.Exists(sysfsEntry))
            {
                throw new DeviceLostException($"{device}: Failed to read output from FIFO: X_LINK_ERROR");
            }
        }
    }
}
