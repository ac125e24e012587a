using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// The target of one infer request's completion callback: counts callbacks and wakes the thread waiting in
/// <see cref="OvInferenceBinding.Run"/>.
/// </summary>
/// <remarks>
/// The runtime keeps the <c>ov_callback_t*</c> it is given and calls <c>callback_func(args)</c> on one of its own threads
/// when an inference ends, successfully or not. So the struct lives in native memory, <c>args</c> is a normal (strong)
/// GCHandle to this object, and this object holds the buffers the device reads and writes. All of it stays allocated
/// until the request has been freed (after which the runtime calls nothing): a request that timed out can still complete
/// later, and its callback then finds everything in place.
/// </remarks>
internal sealed unsafe class OvCompletion : IDisposable
{
    private static long _callbackFailures;

    private readonly ManualResetEventSlim _signal = new(false);
    private readonly object _buffers;
    private GCHandle _self;
    private OvCallback* _native;
    private int _fired;

    /// <param name="buffers">What the device reads and writes (input and output storage), kept alive with the callback.</param>
    public OvCompletion(object buffers)
    {
        _buffers = buffers;
        _self = GCHandle.Alloc(this, GCHandleType.Normal);
        _native = (OvCallback*)NativeMemory.AllocZeroed((nuint)sizeof(OvCallback));
        _native->Function = &OnInferenceComplete;
        _native->Args = (void*)GCHandle.ToIntPtr(_self);

        // The event creates its lock object (24 bytes) the first time a wait has to block rather than spin: make that
        // happen here, not in whichever run first meets a slow device (a run allocates nothing).
        _signal.Wait(1);
    }

    /// <summary>The struct to pass to <c>ov_infer_request_set_callback</c>.</summary>
    public OvCallback* Native => _native;

    /// <summary>How many callbacks have arrived.</summary>
    public int Fired => Volatile.Read(ref _fired);

    /// <summary>Callbacks that failed inside (never expected; counted because a native thread cannot be told).</summary>
    public static long CallbackFailures => Interlocked.Read(ref _callbackFailures);

    /// <summary>Waits until <see cref="Fired"/> reaches <paramref name="target"/>, the deadline passes, or <paramref name="stop"/> says so.</summary>
    public bool WaitFor(int target, long deadlineTimestamp, Func<bool> stop)
    {
        while (Fired < target)
        {
            if (stop())
            {
                return false;
            }

            var remaining = deadlineTimestamp == long.MaxValue
                ? Timeout.InfiniteTimeSpan
                : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadlineTimestamp);
            if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
            {
                return false;
            }

            if (_signal.Wait(remaining))
            {
                // Woken by a callback or by Wake(); re-arm, then look again (a callback counts before it signals).
                _signal.Reset();
            }
        }

        return true;
    }

    /// <summary>Wakes a waiting <see cref="WaitFor"/> so it re-checks its stop condition.</summary>
    public void Wake() => _signal.Set();

    /// <summary>Frees the native struct and the handle. Only once the request is freed: nothing may call back after.</summary>
    public void Dispose()
    {
        if (_native is not null)
        {
            NativeMemory.Free(_native);
            _native = null;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }

        _signal.Dispose();

        // The device may have used the buffers up to the moment the request was freed; they become collectable only now.
        GC.KeepAlive(_buffers);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Nothing may escape into the runtime's thread.")]
    private static void OnInferenceComplete(void* args)
    {
        try
        {
            if (GCHandle.FromIntPtr((IntPtr)args).Target is OvCompletion completion)
            {
                Interlocked.Increment(ref completion._fired);
                completion._signal.Set();
            }
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _callbackFailures);
        }
    }
}
