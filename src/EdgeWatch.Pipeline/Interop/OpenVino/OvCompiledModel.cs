using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Interop.OpenVino.Handles;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>The native side of a model compiled onto one device: its properties and its infer requests.</summary>
internal sealed unsafe class OvCompiledModel : IDisposable
{
    private readonly OvApi _api;
    private readonly OvElementTypeTable _types;

    public OvCompiledModel(OvApi api, OvCompiledModelHandle handle, OvElementTypeTable types, string device, int inputIndex)
    {
        InputIndex = inputIndex;
        _api = api;
        Handle = handle;
        _types = types;
        Device = device;
    }

    public OvCompiledModelHandle Handle { get; }

    public string Device { get; }

    /// <summary>The model input frames are fed to.</summary>
    public int InputIndex { get; }

    /// <summary>A property of the compiled model as the plugin formats it ("4", "41.5").</summary>
    public string GetProperty(string key)
    {
        byte* value = null;
        fixed (byte* keyText = NativeText.NullTerminated(key))
        {
            OvStatus.Check(_api, _api.CompiledModelGetProperty(Handle.DangerousGetHandle(), keyText, &value), "ov_compiled_model_get_property");
        }

        return OvCore.TakeString(_api, value);
    }

    public OvInferenceBinding CreateRequest(TensorBuffer input, IReadOnlyList<OutputTensor> outputs) =>
        OvInferenceBinding.Create(_api, Handle, _types, Device, InputIndex, input, outputs);

    public void Dispose() => Handle.Dispose();
}
