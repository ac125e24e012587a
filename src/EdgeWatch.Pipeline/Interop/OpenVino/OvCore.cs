using EdgeWatch.Pipeline.Interop.OpenVino.Handles;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// The native side of an OpenVINO core: version, devices, properties, reading and compiling models. Thread-safe as
/// <c>ov::Core</c> is.
/// </summary>
internal sealed unsafe class OvCore : IDisposable
{
    private OvCore(OvApi api, OvCoreHandle handle)
    {
        Api = api;
        Handle = handle;
    }

    public OvApi Api { get; }

    public OvCoreHandle Handle { get; }

    /// <summary>The runtime's version, from <c>ov_get_openvino_version</c> (needs no core).</summary>
    public static (string BuildNumber, string Description) ReadVersion(OvApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        OvVersion version = default;
        OvStatus.Check(api, api.GetOpenVinoVersion(&version), "ov_get_openvino_version");
        try
        {
            return (OvApi.ReadUtf8(version.BuildNumber) ?? string.Empty, OvApi.ReadUtf8(version.Description) ?? string.Empty);
        }
        finally
        {
            api.VersionFree(&version);
        }
    }

    public static OvCore Create(OvApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        IntPtr core;
        OvStatus.Check(api, api.CoreCreate(&core), "ov_core_create");
        return new OvCore(api, OvCoreHandle.Adopt(api, core));
    }

    /// <summary>AVAILABLE_DEVICES: "CPU", "GPU", "MYRIAD" (one stick) or "MYRIAD.1.3-ma2480" (several).</summary>
    public IReadOnlyList<string> AvailableDevices()
    {
        OvAvailableDevices devices = default;
        var core = Enter();
        try
        {
            OvStatus.Check(Api, Api.CoreGetAvailableDevices(core, &devices), "ov_core_get_available_devices");
        }
        finally
        {
            Handle.DangerousRelease();
        }

        try
        {
            var names = new List<string>((int)devices.Size);
            for (nuint i = 0; i < devices.Size; i++)
            {
                names.Add(OvApi.ReadUtf8(devices.Devices[i]) ?? string.Empty);
            }

            return names;
        }
        finally
        {
            Api.AvailableDevicesFree(&devices);
        }
    }

    /// <summary>A device property as the plugin formats it.</summary>
    public string GetProperty(string device, string key)
    {
        byte* value = null;
        var core = Enter();
        try
        {
            fixed (byte* deviceText = NativeText.NullTerminated(device))
            fixed (byte* keyText = NativeText.NullTerminated(key))
            {
                OvStatus.Check(Api, Api.CoreGetProperty(core, deviceText, keyText, &value), "ov_core_get_property");
            }
        }
        finally
        {
            Handle.DangerousRelease();
        }

        return TakeString(Api, value);
    }

    /// <summary>Reads an IR (.xml with its .bin) or an ONNX file.</summary>
    public OvModelHandle ReadModel(string path, string? weightsPath)
    {
        IntPtr model;
        var core = Enter();
        try
        {
            fixed (byte* pathText = NativeText.NullTerminated(path))
            fixed (byte* weightsText = weightsPath is null ? null : NativeText.NullTerminated(weightsPath))
            {
                OvStatus.Check(Api, Api.CoreReadModel(core, pathText, weightsText, &model), "ov_core_read_model");
            }
        }
        finally
        {
            Handle.DangerousRelease();
        }

        return OvModelHandle.Adopt(Api, model);
    }

    /// <summary>Compiles <paramref name="model"/> for <paramref name="device"/> with up to two string properties.</summary>
    public OvCompiledModelHandle Compile(OvModelHandle model, string device, IReadOnlyList<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(properties);
        if (properties.Count > 2)
        {
            throw new ArgumentException("The compile binding takes at most two properties.", nameof(properties));
        }

        var texts = properties.SelectMany(p => new[] { NativeText.NullTerminated(p.Key), NativeText.NullTerminated(p.Value) }).ToArray();
        IntPtr compiled;
        int status;
        var core = Enter();
        try
        {
            var modelPointer = model.DangerousGetHandle();
            fixed (byte* deviceText = NativeText.NullTerminated(device))
            fixed (byte* k1 = texts.Length > 0 ? texts[0] : null)
            fixed (byte* v1 = texts.Length > 1 ? texts[1] : null)
            fixed (byte* k2 = texts.Length > 2 ? texts[2] : null)
            fixed (byte* v2 = texts.Length > 3 ? texts[3] : null)
            {
                // property_args_size counts keys and values (2 per property), as the header says.
                status = properties.Count switch
                {
                    0 => Api.CoreCompileModel(core, modelPointer, deviceText, 0, &compiled),
                    1 => Api.CoreCompileModel1(core, modelPointer, deviceText, 2, &compiled, k1, v1),
                    _ => Api.CoreCompileModel2(core, modelPointer, deviceText, 4, &compiled, k1, v1, k2, v2),
                };
            }
        }
        finally
        {
            Handle.DangerousRelease();
        }

        GC.KeepAlive(model);
        OvStatus.Check(Api, status, "ov_core_compile_model");
        return OvCompiledModelHandle.Adopt(Api, compiled);
    }

    public void Dispose() => Handle.Dispose();

    /// <summary>Holds the core for one call: a disposed core throws ObjectDisposedException instead of reaching C freed.</summary>
    private IntPtr Enter()
    {
        var added = false;
        Handle.DangerousAddRef(ref added);
        return Handle.DangerousGetHandle();
    }

    /// <summary>Copies a string the library allocated and frees it with <c>ov_free</c>.</summary>
    public static string TakeString(OvApi api, byte* value)
    {
        ArgumentNullException.ThrowIfNull(api);
        try
        {
            return OvApi.ReadUtf8(value) ?? string.Empty;
        }
        finally
        {
            if (value is not null)
            {
                api.Free(value);
            }
        }
    }
}
