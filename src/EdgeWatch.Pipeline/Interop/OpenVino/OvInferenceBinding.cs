using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics.Tensors;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Interop.OpenVino.Handles;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// The native side of one inference request: the <c>ov_infer_request_t</c>, an input tensor over the request's pinned
/// input buffer (set once, at the model input the frames feed), the completion callback, and the asynchronous run with EdgeWatch's own deadline.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Run"/> starts the inference and waits for the runtime's callback on a managed event, with its own clock:
/// <c>ov_infer_request_wait_for</c> returns OK on timeout in some 2022 builds, so it is never trusted to detect a hang.
/// The callback carries no error, so once it has arrived <c>ov_infer_request_wait</c> (which then returns at once) gives
/// the status; any failure there is the device failing (an unplugged NCS2 surfaces as GENERAL_ERROR, "NC_ERROR").
/// Outputs are copied out as float32 before <see cref="Run"/> returns, so the next run cannot overwrite what a decoder is
/// reading.
/// </para>
/// <para>
/// A run that times out leaves the inference with the runtime. Until its callback arrives the request counts as in flight:
/// the next <see cref="Run"/> first waits (within its own timeout) for that callback, and <see cref="Dispose"/> asks the
/// runtime to cancel, waits briefly, and otherwise frees the request on a thread of its own, because freeing a running
/// request blocks until the runtime lets go of it. The callback's native struct, its GCHandle and the pinned buffers are
/// released only after <c>ov_infer_request_free</c> has returned, when nothing can call back any more. A callback that
/// fires late therefore finds live state, and one that never fires costs a blocked background thread, not a crash.
/// </para>
/// </remarks>
internal sealed unsafe class OvInferenceBinding : IDisposable
{
    /// <summary>How long <see cref="Dispose"/> waits for an in-flight inference before freeing it in the background.</summary>
    public static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(1);

    private readonly OvApi _api;
    private readonly OvElementTypeTable _types;
    private readonly string _device;
    private readonly OvInferRequestHandle _request;
    private readonly OvTensorHandle _input;
    private readonly OvCompletion _completion;
    private readonly OutputTensor[] _outputs;
    private readonly Lock _gate = new();
    private readonly Lock _running = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<bool> _abortRequested;
    private int _started;
    private volatile bool _aborted;
    private bool _disposed;

    private OvInferenceBinding(OvApi api, OvElementTypeTable types, string device, OvInferRequestHandle request, OvTensorHandle input,
        OvCompletion completion, OutputTensor[] outputs)
    {
        _api = api;
        _types = types;
        _device = device;
        _request = request;
        _input = input;
        _completion = completion;
        _outputs = outputs;
        _abortRequested = () => _aborted; // made once, so a run allocates no closure
    }

    /// <summary>Completes when the native request and everything the runtime could touch have been freed.</summary>
    public Task Released => _released.Task;

    /// <summary>Whether the runtime still holds an inference started on this request (one that timed out, say).</summary>
    public bool InFlight => _completion.Fired < Volatile.Read(ref _started);

    /// <summary>Creates a request on <paramref name="compiled"/> reading <paramref name="input"/> and filling <paramref name="outputs"/>.</summary>
    public static OvInferenceBinding Create(OvApi api, OvCompiledModelHandle compiled, OvElementTypeTable types, string device,
        int inputIndex, TensorBuffer input, IReadOnlyList<OutputTensor> outputs)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputs);
        IntPtr pointer;
        OvStatus.Check(api, api.CompiledModelCreateInferRequest(compiled.DangerousGetHandle(), &pointer), "ov_compiled_model_create_infer_request");
        var request = OvInferRequestHandle.Adopt(api, pointer);
        OutputTensor[] outputArray = [.. outputs];
        var completion = new OvCompletion(new object[] { input, outputArray });
        OvTensorHandle? tensor = null;
        try
        {
            OvStatus.Check(api, api.InferRequestSetCallback(pointer, completion.Native), "ov_infer_request_set_callback");
            tensor = CreateInputTensor(api, types, input);
            OvStatus.Check(api, api.InferRequestSetInputTensorByIndex(pointer, (nuint)inputIndex, tensor.DangerousGetHandle()),
                "ov_infer_request_set_input_tensor_by_index");
            return new OvInferenceBinding(api, types, device, request, tensor, completion, outputArray);
        }
        catch
        {
            // Nothing was started, so nothing can call back: free in dependency order.
            request.Dispose();
            tensor?.Dispose();
            completion.Dispose();
            throw;
        }
    }

    /// <summary>Runs one inference on what the input buffer holds; returns with the outputs copied.</summary>
    /// <exception cref="InferenceTimeoutException">No callback within <paramref name="timeout"/>, or aborted.</exception>
    /// <exception cref="DeviceLostException">The runtime reported a failure of the inference.</exception>
    public void Run(TimeSpan timeout)
    {
        // Held for the whole run, so a Dispose from another thread (an engine shutting down under a worker) waits for the
        // run to notice it and leave before the request is freed.
        lock (_running)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RunLocked(timeout);
        }
    }

    private void RunLocked(TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = timeout == Timeout.InfiniteTimeSpan || timeout > TimeSpan.FromDays(1)
            ? long.MaxValue
            : start + (long)(Math.Max(0, timeout.TotalSeconds) * Stopwatch.Frequency);
        _aborted = false;
        var handle = _request.DangerousGetHandle();
        if (InFlight)
        {
            if (!_completion.WaitFor(Volatile.Read(ref _started), deadline, _abortRequested))
            {
                throw new InferenceTimeoutException(
                    $"{_device}: the previous inference on this request has still not completed; the device is presumed hung");
            }

            // The runtime calls back before it marks the request idle; wait for that too, or starting again may meet
            // REQUEST_BUSY. The late result is discarded, and so is its status.
            _ = _api.InferRequestWait(handle);
        }

        var target = Interlocked.Increment(ref _started);
        var status = _api.InferRequestStartAsync(handle);
        if (status != 0)
        {
            // Not started, so no callback will come for it.
            Interlocked.Decrement(ref _started);
            OvStatus.CheckInference(_api, status, "ov_infer_request_start_async", _device);
        }

        if (!_completion.WaitFor(target, deadline, _abortRequested))
        {
            var waited = Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
            throw new InferenceTimeoutException(_aborted
                ? $"{_device}: inference aborted after {waited} ms"
                : $"{_device}: no answer within {waited} ms; the device is presumed hung");
        }

        OvStatus.CheckInference(_api, _api.InferRequestWait(handle), "ov_infer_request_wait", _device);
        for (var i = 0; i < _outputs.Length; i++)
        {
            CopyOutput(handle, i);
        }
    }

    /// <summary>Makes a waiting <see cref="Run"/> give up now and asks the runtime to cancel (MYRIAD cannot; CPU can).</summary>
    public void Abort()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _aborted = true;
            if (InFlight)
            {
                TryCancel();
            }

            _completion.Wake();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _aborted = true;
            _completion.Wake();
        }

        lock (_running)
        {
            // A run on another thread has now seen the abort and left.
        }

        if (InFlight)
        {
            TryCancel();
            var deadline = Stopwatch.GetTimestamp() + (long)(DisposeGrace.TotalSeconds * Stopwatch.Frequency);
            _completion.WaitFor(Volatile.Read(ref _started), deadline, static () => false);
        }

        if (!InFlight)
        {
            ReleaseNative();
            return;
        }

        // The runtime still runs an inference on this request: free it where blocking harms nobody.
        var releaser = new Thread(ReleaseNative) { IsBackground = true, Name = $"openvino-release {_device}" };
        releaser.Start();
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Runs on its own thread; the failure is reported through Released.")]
    private void ReleaseNative()
    {
        try
        {
            // Order matters: once ov_infer_request_free has returned the runtime can no longer call back, and only then
            // may the callback struct, its GCHandle and the buffers go.
            _request.Dispose();
            _input.Dispose();
            _completion.Dispose();
            _released.TrySetResult();
        }
        catch (Exception e)
        {
            _released.TrySetException(e);
        }
    }

    private void TryCancel()
    {
        // Best effort: the MYRIAD plugin answers NOT_IMPLEMENTED, and a request that just finished has nothing to cancel.
        // The status is deliberately ignored: whatever it says, the caller goes on to wait or to free the request.
        _ = _api.InferRequestCancel(_request.DangerousGetHandle());
    }

    private static OvTensorHandle CreateInputTensor(OvApi api, OvElementTypeTable types, TensorBuffer input)
    {
        var rank = input.Shape.Count;
        var dims = stackalloc long[rank];
        for (var i = 0; i < rank; i++)
        {
            dims[i] = input.Shape[i];
        }

        var elementType = input.ElementType == TensorElementType.Float32 ? OvElementType.F32 : OvElementType.U8;
        OvShape shape;
        OvStatus.Check(api, api.ShapeCreate(rank, dims, &shape), "ov_shape_create");
        IntPtr tensor;
        try
        {
            // The buffer is a pinned array that lives as long as the request's completion state, so the runtime may keep
            // pointing at it; ov_shape_t is passed by value and copied by the library.
            OvStatus.Check(api, api.TensorCreateFromHostPtr(types[elementType], shape, input.Address, &tensor), "ov_tensor_create_from_host_ptr");
        }
        finally
        {
            OvStatus.Check(api, api.ShapeFree(&shape), "ov_shape_free");
        }

        return OvTensorHandle.Adopt(api, tensor);
    }

    private void CopyOutput(IntPtr request, int index)
    {
        IntPtr tensor;
        OvStatus.CheckInference(_api, _api.InferRequestGetOutputTensorByIndex(request, (nuint)index, &tensor),
            "ov_infer_request_get_output_tensor_by_index", _device);
        try
        {
            var output = _outputs[index];
            OvShape shape;
            OvStatus.CheckInference(_api, _api.TensorGetShape(tensor, &shape), "ov_tensor_get_shape", _device);
            try
            {
                output.Reshape(new ReadOnlySpan<long>(shape.Dims, (int)shape.Rank));
            }
            finally
            {
                OvStatus.Check(_api, _api.ShapeFree(&shape), "ov_shape_free");
            }

            int code;
            OvStatus.CheckInference(_api, _api.TensorGetElementType(tensor, &code), "ov_tensor_get_element_type", _device);
            nuint bytes;
            OvStatus.CheckInference(_api, _api.TensorGetByteSize(tensor, &bytes), "ov_tensor_get_byte_size", _device);
            void* data;
            OvStatus.CheckInference(_api, _api.TensorData(tensor, &data), "ov_tensor_data", _device);
            Convert(_types.FromNative(code), code, data, bytes, output);
        }
        finally
        {
            _api.TensorFree(tensor);
        }
    }

    private static void Convert(OvElementType type, int code, void* data, nuint bytes, OutputTensor output)
    {
        var target = output.Writable;
        var count = target.Length;
        var size = OvElementTypeTable.SizeOf(type);
        if (size == 0)
        {
            throw new OpenVinoException($"output '{output.Name}' has element type {type} (code {code}), which EdgeWatch does not decode");
        }

        if (bytes < (nuint)(count * size))
        {
            throw new OpenVinoException(
                $"output '{output.Name}' holds {bytes} bytes, fewer than its shape [{string.Join(',', output.Shape)}] of {type} needs");
        }

        switch (type)
        {
            case OvElementType.F32:
                new ReadOnlySpan<float>(data, count).CopyTo(target);
                break;
            case OvElementType.F16:
                TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>(data, count), target);
                break;
            case OvElementType.F64:
                TensorPrimitives.ConvertTruncating<double, float>(new ReadOnlySpan<double>(data, count), target);
                break;
            case OvElementType.I32:
                TensorPrimitives.ConvertTruncating<int, float>(new ReadOnlySpan<int>(data, count), target);
                break;
            case OvElementType.I64:
                TensorPrimitives.ConvertTruncating<long, float>(new ReadOnlySpan<long>(data, count), target);
                break;
            case OvElementType.U8:
                TensorPrimitives.ConvertTruncating<byte, float>(new ReadOnlySpan<byte>(data, count), target);
                break;
            case OvElementType.I8:
                TensorPrimitives.ConvertTruncating<sbyte, float>(new ReadOnlySpan<sbyte>(data, count), target);
                break;
            default:
                throw new OpenVinoException($"output '{output.Name}' has element type {type}, which EdgeWatch does not decode");
        }
    }
}
