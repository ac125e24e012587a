namespace EdgeWatch.Pipeline.Interop.OnnxRuntime;

/// <summary>
/// The one place where an <c>OrtStatus*</c> becomes an exception: every status-returning call goes through
/// <see cref="Check"/>, which throws <see cref="OnnxRuntimeException"/> with the library's own message and releases the
/// status whatever happens.
/// </summary>
internal static unsafe class OrtStatus
{
    public static void Check(IntPtr status)
    {
        if (status != IntPtr.Zero)
        {
            Check(OrtLibrary.Api, status);
        }
    }

    public static void Check(OrtApi api, IntPtr status)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        try
        {
            var code = (OrtErrorCode)api.GetErrorCode(status);
            var message = OrtApi.ReadUtf8(api.GetErrorMessage(status)) ?? "(no message)";
            throw new OnnxRuntimeException(code, message);
        }
        finally
        {
            api.ReleaseStatus(status);
        }
    }
}
