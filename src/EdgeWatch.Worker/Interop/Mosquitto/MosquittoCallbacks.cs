using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>
/// The native entry points libmosquitto calls. Each one finds its <see cref="IMosquittoCallbackTarget"/> through
/// the GCHandle passed as mosquitto_new's obj, decodes the native arguments, and catches every exception.
/// </summary>
internal static unsafe class MosquittoCallbacks
{
    internal static void Register(MosquittoHandle mosq)
    {
        Libmosquitto.mosquitto_connect_callback_set(mosq, &OnConnect);
        Libmosquitto.mosquitto_disconnect_callback_set(mosq, &OnDisconnect);
        Libmosquitto.mosquitto_publish_callback_set(mosq, &OnPublish);
        Libmosquitto.mosquitto_message_callback_set(mosq, &OnMessage);
        Libmosquitto.mosquitto_subscribe_callback_set(mosq, &OnSubscribe);
        Libmosquitto.mosquitto_log_callback_set(mosq, &OnLog);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnConnect(IntPtr mosq, IntPtr obj, int rc)
    {
        IMosquittoCallbackTarget? target = null;
        try
        {
            target = Resolve(obj);
            target?.OnConnect(rc);
        }
        catch (Exception ex)
        {
            Report(target, nameof(OnConnect), ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDisconnect(IntPtr mosq, IntPtr obj, int rc)
    {
        // Read errno before any managed work can overwrite it: MOSQ_ERR_ERRNO means "look at errno".
        int errno = Marshal.GetLastSystemError();
        IMosquittoCallbackTarget? target = null;
        try
        {
            target = Resolve(obj);
            target?.OnDisconnect(rc, errno);
        }
        catch (Exception ex)
        {
            Report(target, nameof(OnDisconnect), ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnPublish(IntPtr mosq, IntPtr obj, int mid)
    {
        IMosquittoCallbackTarget? target = null;
        try
        {
            target = Resolve(obj);
            target?.OnPublish(mid);
        }
        catch (Exception ex)
        {
            Report(target, nameof(OnPublish), ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(IntPtr mosq, IntPtr obj, MosquittoMessage* message)
    {
        IMosquittoCallbackTarget? target = null;
        try
        {
            target = Resolve(obj);
            if (target is null || message is null || message->Topic is null)
            {
                return;
            }

            string topic = Marshal.PtrToStringUTF8((IntPtr)message->Topic) ?? string.Empty;
            var payload = new ReadOnlySpan<byte>(message->Payload, Math.Max(0, message->PayloadLength));
            target.OnMessage(topic, payload, message->Qos, message->Retain != 0);
        }
        catch (Exception ex)
        {
            Report(target, nameof(OnMessage), ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnSubscribe(IntPtr mosq, IntPtr obj, int mid, int qosCount, int* grantedQos)
    {
        IMosquittoCallbackTarget? target = null;
        try
        {
            target = Resolve(obj);
            target?.OnSubscribe(mid, grantedQos is null ? default : new ReadOnlySpan<int>(grantedQos, Math.Max(0, qosCount)));
        }
        catch (Exception ex)
        {
            Report(target, nameof(OnSubscribe), ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(IntPtr mosq, IntPtr obj, int level, byte* text)
    {
        IMosquittoCallbackTarget? target = null;
        try
        {
            target = Resolve(obj);
            if (target is not null && text is not null && target.WantsLog((MosquittoLogLevel)level))
            {
                target.OnLog((MosquittoLogLevel)level, Marshal.PtrToStringUTF8((IntPtr)text) ?? string.Empty);
            }
        }
        catch (Exception ex)
        {
            Report(target, nameof(OnLog), ex);
        }
    }

    private static IMosquittoCallbackTarget? Resolve(IntPtr obj) =>
        obj == IntPtr.Zero ? null : GCHandle.FromIntPtr(obj).Target as IMosquittoCallbackTarget;

    private static void Report(IMosquittoCallbackTarget? target, string callback, Exception exception)
    {
        try
        {
            target?.OnCallbackFailed(callback, exception);
        }
#pragma warning disable CA1031 // Nothing may propagate into C, and there is nowhere left to report this.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
