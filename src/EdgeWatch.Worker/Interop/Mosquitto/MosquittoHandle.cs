using System.Runtime.InteropServices;

namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>
/// Owns one <c>struct mosquitto*</c> and the GCHandle its callbacks use to find their managed target.
/// </summary>
/// <remarks>
/// This project drives the network loop from its own managed thread (mosquitto_loop), never mosquitto_loop_start,
/// so there is no library-owned thread to stop here: mosquitto_loop_stop(force) would pthread_cancel a thread that
/// may be running managed callback code, which the .NET runtime cannot survive. Destroy is safe from any thread,
/// including the finalizer: every call into the library holds a reference on this SafeHandle, so ReleaseHandle can
/// only run once no mosquitto_loop (and so no callback) is executing, and the owner joins its loop thread before
/// disposing. The GCHandle is strong on purpose: an undisposed client stays alive instead of being destroyed under
/// a running loop, and it is freed only after mosquitto_destroy, when no callback can arrive any more.
/// </remarks>
internal sealed class MosquittoHandle : SafeHandle
{
    private GCHandle _callbackTarget;

    /// <summary>Used by the interop marshaller for mosquitto_new's return value.</summary>
    public MosquittoHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a client whose callbacks are delivered to <paramref name="target"/>.</summary>
    internal static MosquittoHandle Create(string clientId, bool cleanSession, IMosquittoCallbackTarget target)
    {
        MosquittoLibrary.EnsureInitialized();
        GCHandle gcHandle = GCHandle.Alloc(target);
        MosquittoHandle? created = null;
        try
        {
            created = Libmosquitto.mosquitto_new(clientId, cleanSession, GCHandle.ToIntPtr(gcHandle));
            if (created.IsInvalid)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw MosquittoStatus.Failure(
                    "mosquitto_new",
                    errno == 12 ? (int)MosquittoError.NoMemory : (int)MosquittoError.Invalid); // ENOMEM, else EINVAL
            }

            created._callbackTarget = gcHandle;
            MosquittoStatus.ThrowIfFailed(Libmosquitto.mosquitto_threaded_set(created, true), "mosquitto_threaded_set");
            MosquittoCallbacks.Register(created);
            return created;
        }
        catch
        {
            if (created is null || created.IsInvalid)
            {
                gcHandle.Free();
            }

            created?.Dispose();
            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        Libmosquitto.mosquitto_destroy(handle);
        if (_callbackTarget.IsAllocated)
        {
            _callbackTarget.Free();
        }

        return true;
    }
}
