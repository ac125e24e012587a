using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Interop.OnnxRuntime.Handles;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime;

/// <summary>
/// Everything one <c>Run</c> call needs, built once per inference request: the input tensor over the request's pinned
/// buffer, output tensors over the request's pinned output arrays (where the model declares a fixed float shape), the
/// name and value arrays, and run options to abort with. <see cref="Run"/> then allocates nothing, managed or native,
/// except for outputs whose shape is only known after inference.
/// </summary>
internal sealed unsafe class OrtRunBinding : IDisposable
{
    private readonly OrtSession _session;
    private readonly OrtValueHandle _input;
    private readonly OrtValueHandle?[] _fixedOutputs;
    private readonly OutputTensor[] _outputs;
    private readonly NativeStringArray _inputNames;
    private readonly NativeStringArray _outputNames;
    private readonly IntPtr* _inputValues;
    private readonly IntPtr* _outputValues;
    private readonly OrtRunOptionsHandle _runOptions;
    private volatile bool _aborted;

    public OrtRunBinding(OrtSession session, string inputName, TensorBuffer input, IReadOnlyList<OutputTensor> outputs, OrtMemoryInfoHandle memory)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(memory);
        var api = OrtLibrary.Api;
        _session = session;
        _outputs = [.. outputs];
        _inputNames = new NativeStringArray([inputName]);
        _outputNames = new NativeStringArray([.. outputs.Select(o => o.Name)]);
        _inputValues = (IntPtr*)NativeMemory.AllocZeroed((nuint)sizeof(IntPtr));
        _outputValues = (IntPtr*)NativeMemory.AllocZeroed((nuint)(sizeof(IntPtr) * Math.Max(1, outputs.Count)));

        _input = CreateTensor(memory, input.Address, (nuint)input.ByteLength, input.Shape,
            input.ElementType == TensorElementType.Float32 ? OrtElementType.Float : OrtElementType.UInt8);
        _inputValues[0] = _input.DangerousGetHandle();

        _fixedOutputs = new OrtValueHandle?[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            var description = session.Outputs[i];
            if (description.ElementType == "float32" && description.Shape.Skip(1).All(d => d > 0))
            {
                var output = outputs[i];
                fixed (float* data = output.Storage)
                {
                    // The storage is pinned for its lifetime (GC.AllocateArray pinned), so its address stays valid.
                    _fixedOutputs[i] = CreateTensor(memory, data, (nuint)(output.Length * sizeof(float)), output.Shape, OrtElementType.Float);
                }
            }
        }

        IntPtr runOptions;
        OrtStatus.Check(api.CreateRunOptions(&runOptions));
        _runOptions = OrtRunOptionsHandle.Adopt(runOptions);
    }

    /// <summary>Runs the session; fixed outputs are written in place, others are copied in as float.</summary>
    public void Run()
    {
        var api = OrtLibrary.Api;
        for (var i = 0; i < _fixedOutputs.Length; i++)
        {
            _outputValues[i] = _fixedOutputs[i]?.DangerousGetHandle() ?? IntPtr.Zero;
        }

        if (_aborted)
        {
            _aborted = false;
            OrtStatus.Check(api.RunOptionsUnsetTerminate(_runOptions.DangerousGetHandle()));
        }

        OrtStatus.Check(api.Run(_session.Handle.DangerousGetHandle(), _runOptions.DangerousGetHandle(), _inputNames.Pointers, _inputValues, 1,
            _outputNames.Pointers, (nuint)_outputs.Length, _outputValues));

        for (var i = 0; i < _fixedOutputs.Length; i++)
        {
            if (_fixedOutputs[i] is null)
            {
                CopyOut(_outputValues[i], _outputs[i]);
            }
        }
    }

    /// <summary>Makes a running <see cref="Run"/> stop with an error as soon as the library checks.</summary>
    public void Abort()
    {
        _aborted = true;
        OrtStatus.Check(OrtLibrary.Api.RunOptionsSetTerminate(_runOptions.DangerousGetHandle()));
    }

    public void Dispose()
    {
        _input.Dispose();
        foreach (var output in _fixedOutputs)
        {
            output?.Dispose();
        }

        _runOptions.Dispose();
        _inputNames.Dispose();
        _outputNames.Dispose();
        NativeMemory.Free(_inputValues);
        NativeMemory.Free(_outputValues);
    }

    private static OrtValueHandle CreateTensor(OrtMemoryInfoHandle memory, void* data, nuint bytes, IReadOnlyList<int> shape, OrtElementType type)
    {
        var dims = stackalloc long[shape.Count];
        for (var i = 0; i < shape.Count; i++)
        {
            dims[i] = shape[i];
        }

        IntPtr value;
        OrtStatus.Check(OrtLibrary.Api.CreateTensorWithDataAsOrtValue(memory.DangerousGetHandle(), data, bytes, dims, (nuint)shape.Count, (int)type, &value));
        return OrtValueHandle.Adopt(value);
    }

    // An output the library allocated: read its shape, convert its elements to float, release it.
    private static void CopyOut(IntPtr value, OutputTensor output)
    {
        using var owned = OrtValueHandle.Adopt(value);
        var api = OrtLibrary.Api;
        IntPtr info;
        OrtStatus.Check(api.GetTensorTypeAndShape(value, &info));
        using var infoHandle = OrtTensorTypeAndShapeInfoHandle.Adopt(info);
        var type = OrtSession.ReadElementType(info);
        nuint rank;
        OrtStatus.Check(api.GetDimensionsCount(info, &rank));
        Span<long> dims = stackalloc long[(int)rank];
        fixed (long* d = dims)
        {
            OrtStatus.Check(api.GetDimensions(info, d, rank));
        }

        output.Reshape(dims);
        void* data;
        OrtStatus.Check(api.GetTensorMutableData(value, &data));
        var target = output.Writable;
        var count = target.Length;
        switch (type)
        {
            case OrtElementType.Float:
                new ReadOnlySpan<float>(data, count).CopyTo(target);
                break;
            case OrtElementType.Double:
                TensorPrimitives.ConvertTruncating<double, float>(new ReadOnlySpan<double>(data, count), target);
                break;
            case OrtElementType.Int64:
                TensorPrimitives.ConvertTruncating<long, float>(new ReadOnlySpan<long>(data, count), target);
                break;
            case OrtElementType.Int32:
                TensorPrimitives.ConvertTruncating<int, float>(new ReadOnlySpan<int>(data, count), target);
                break;
            case OrtElementType.UInt8:
                TensorPrimitives.ConvertTruncating<byte, float>(new ReadOnlySpan<byte>(data, count), target);
                break;
            default:
                throw new OnnxRuntimeException(OrtErrorCode.NotImplemented,
                    $"output '{output.Name}' has element type {OrtSession.ElementTypeName(type)}, which EdgeWatch does not decode");
        }
    }
}
