using Microsoft.Win32.SafeHandles;

namespace EdgeWatch.Pipeline.Interop.OpenVino.Handles;

/// <summary>
/// Base of the OpenVINO handles: a pointer the library returned plus the library it came from, whose free function the
/// sealed subclass calls. Each native object type has its own subclass so one can never be freed as another.
/// </summary>
internal abstract class OvHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    protected OvHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The library this object belongs to.</summary>
    protected OvApi Api { get; private set; } = null!;

    /// <summary>Takes ownership of a pointer <paramref name="api"/> just returned.</summary>
    protected static T Adopt<T>(OvApi api, IntPtr pointer)
        where T : OvHandle, new()
    {
        var handle = new T { Api = api };
        handle.SetHandle(pointer);
        return handle;
    }
}
