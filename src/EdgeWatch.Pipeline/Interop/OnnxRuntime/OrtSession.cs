using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime;

/// <summary>
/// The native side of a loaded model: creates the session and reads what the model declares. Everything pointer-shaped
/// stays in here and in <see cref="OrtRunBinding"/>.
/// </summary>
internal sealed unsafe class OrtSession : IDisposable
{
    private OrtSession(OrtSessionHandle handle, IReadOnlyList<TensorDescription> inputs, IReadOnlyList<TensorDescription> outputs)
    {
        Handle = handle;
        Inputs = inputs;
        Outputs = outputs;
    }

    public OrtSessionHandle Handle { get; }

    public IReadOnlyList<TensorDescription> Inputs { get; }

    public IReadOnlyList<TensorDescription> Outputs { get; }

    /// <summary>Loads a model file.</summary>
    /// <exception cref="OnnxRuntimeException">The library refused it (missing, not a model, unsupported operator).</exception>
    public static OrtSession Open(string path, int intraOpThreads, bool allowSpinning, bool spinBetweenRuns)
    {
        var api = OrtLibrary.Api;
        IntPtr options;
        OrtStatus.Check(api.CreateSessionOptions(&options));
        using var optionsHandle = OrtSessionOptionsHandle.Adopt(options);
        OrtStatus.Check(api.SetIntraOpNumThreads(options, intraOpThreads));
        OrtStatus.Check(api.SetInterOpNumThreads(options, 1));
        OrtStatus.Check(api.SetSessionExecutionMode(options, OrtConstants.ExecutionModeSequential));
        OrtStatus.Check(api.SetSessionGraphOptimizationLevel(options, OrtConstants.GraphOptimizationAll));
        AddConfigEntry(options, "session.intra_op.allow_spinning", allowSpinning ? "1" : "0");
        AddConfigEntry(options, "session.force_spinning_stop", spinBetweenRuns ? "0" : "1");

        IntPtr session;
        fixed (byte* modelPath = NativeText.NullTerminated(path))
        {
            OrtStatus.Check(api.CreateSession(OrtLibrary.Environment, modelPath, options, &session));
        }

        var handle = OrtSessionHandle.Adopt(session);
        try
        {
            return new OrtSession(handle, Describe(session, inputs: true), Describe(session, inputs: false));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Dispose() => Handle.Dispose();

    private static void AddConfigEntry(IntPtr options, string name, string setting)
    {
        fixed (byte* key = NativeText.NullTerminated(name))
        fixed (byte* value = NativeText.NullTerminated(setting))
        {
            OrtStatus.Check(OrtLibrary.Api.AddSessionConfigEntry(options, key, value));
        }
    }

    private static List<TensorDescription> Describe(IntPtr session, bool inputs)
    {
        var api = OrtLibrary.Api;
        nuint count;
        OrtStatus.Check(inputs ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count));
        IntPtr allocator;
        OrtStatus.Check(api.GetAllocatorWithDefaultOptions(&allocator));
        var result = new List<TensorDescription>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            byte* name;
            OrtStatus.Check(inputs ? api.SessionGetInputName(session, i, allocator, &name) : api.SessionGetOutputName(session, i, allocator, &name));
            string text;
            try
            {
                text = OrtApi.ReadUtf8(name) ?? string.Empty;
            }
            finally
            {
                OrtStatus.Check(api.AllocatorFree(allocator, name));
            }

            IntPtr typeInfo;
            OrtStatus.Check(inputs ? api.SessionGetInputTypeInfo(session, i, &typeInfo) : api.SessionGetOutputTypeInfo(session, i, &typeInfo));
            using var typeHandle = OrtTypeInfoHandle.Adopt(typeInfo);
            IntPtr tensorInfo;
            OrtStatus.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
            if (tensorInfo == IntPtr.Zero)
            {
                // Sequences and maps (some classifier exports): describe as untyped so the decoder can refuse clearly.
                result.Add(new TensorDescription(text, "non-tensor", []));
                continue;
            }

            result.Add(new TensorDescription(text, ElementTypeName(ReadElementType(tensorInfo)), ReadShape(tensorInfo)));
        }

        return result;
    }

    public static OrtElementType ReadElementType(IntPtr tensorInfo)
    {
        int type;
        OrtStatus.Check(OrtLibrary.Api.GetTensorElementType(tensorInfo, &type));
        return (OrtElementType)type;
    }

    public static long[] ReadShape(IntPtr tensorInfo)
    {
        var api = OrtLibrary.Api;
        nuint rank;
        OrtStatus.Check(api.GetDimensionsCount(tensorInfo, &rank));
        var dims = new long[(int)rank];
        fixed (long* d = dims)
        {
            OrtStatus.Check(api.GetDimensions(tensorInfo, d, rank));
        }

        return dims;
    }

    public static string ElementTypeName(OrtElementType type) => type switch
    {
        OrtElementType.Float => "float32",
        OrtElementType.UInt8 => "uint8",
        OrtElementType.Int8 => "int8",
        OrtElementType.Int32 => "int32",
        OrtElementType.Int64 => "int64",
        OrtElementType.Float16 => "float16",
        OrtElementType.Double => "float64",
        OrtElementType.Bool => "bool",
        OrtElementType.String => "string",
        _ => type.ToString().ToLowerInvariant(),
    };
}
