using System.Globalization;
using EdgeWatch.Pipeline.Inference;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// The one place where an <c>ov_status_e</c> becomes an exception. <see cref="Check"/> throws
/// <see cref="OpenVinoException"/> naming the function, the status and, when the runtime has <c>ov_get_last_err_msg</c>,
/// the library's own message; <see cref="CheckInference"/> turns any failure of a running inference into
/// <see cref="DeviceLostException"/>, because that is how an unplugged or crashed stick surfaces.
/// </summary>
internal static unsafe class OvStatus
{
    /// <summary>Markers of a failing device in OpenVINO's messages (MYRIAD plugin, XLink, mvnc).</summary>
    private static readonly string[] DeviceFailureMarkers =
    [
        "NC_ERROR", "X_LINK", "XLINK", "not opened", "Can not init Myriad device", "Myriad device", "is not registered",
        "Failed to allocate graph", "ncDevice", "Device with",
    ];

    public static void Check(OvApi api, int status, string operation)
    {
        if (status != 0)
        {
            throw Failure(api, status, operation);
        }
    }

    /// <summary>A failure of <paramref name="operation"/> during inference on <paramref name="device"/>.</summary>
    public static void CheckInference(OvApi api, int status, string operation, string device)
    {
        if (status != 0)
        {
            var failure = Failure(api, status, operation);
            throw new DeviceLostException($"{device}: inference failed: {failure.Message}", failure);
        }
    }

    public static OpenVinoException Failure(OvApi api, int status, string operation)
    {
        var native = LastErrorMessage(api);
        var name = Name(api, status);
        var message = native is null
            ? $"{operation} failed: {name} (this OpenVINO reports no error text)"
            : $"{operation} failed: {name}: {native}";
        return new OpenVinoException(operation, (OpenVinoStatus)status, native, message);
    }

    /// <summary>Whether a failure reads like a device problem rather than a model problem.</summary>
    public static bool IsDeviceFailure(OpenVinoException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var text = failure.NativeMessage;
        return text is not null && DeviceFailureMarkers.Any(marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"GENERAL_ERROR (-1)", from EdgeWatch's own table so an old runtime without names still reads well.</summary>
    public static string Name(OvApi api, int status)
    {
        var name = status switch
        {
            0 => "OK",
            -1 => "GENERAL_ERROR",
            -2 => "NOT_IMPLEMENTED",
            -3 => "NETWORK_NOT_LOADED",
            -4 => "PARAMETER_MISMATCH",
            -5 => "NOT_FOUND",
            -6 => "OUT_OF_BOUNDS",
            -7 => "UNEXPECTED",
            -8 => "REQUEST_BUSY",
            -9 => "RESULT_NOT_READY",
            -10 => "NOT_ALLOCATED",
            -11 => "INFER_NOT_STARTED",
            -12 => "NETWORK_NOT_READ",
            -13 => "INFER_CANCELLED",
            -14 => "INVALID_C_PARAM",
            -15 => "UNKNOWN_C_ERROR",
            -16 => "NOT_IMPLEMENT_C_METHOD",
            -17 => "UNKNOW_EXCEPTION",
            _ => null,
        };
        if (name is null && api.GetErrorInfo != null)
        {
            name = OvApi.ReadUtf8(api.GetErrorInfo(status));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{name ?? "unknown status"} ({status})");
    }

    private static string? LastErrorMessage(OvApi api)
    {
        if (api.GetLastErrorMessage == null)
        {
            return null;
        }

        var text = OvApi.ReadUtf8(api.GetLastErrorMessage())?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
