namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// An error reported by OpenVINO: the function that failed, its <c>ov_status_e</c>, and the library's own message when
/// the runtime offers one (<c>ov_get_last_err_msg</c>, 2023.2 and later; 2022.3 reports the status only).
/// </summary>
public sealed class OpenVinoException : Exception
{
    public OpenVinoException(string operation, OpenVinoStatus status, string? nativeMessage, string message)
        : base(message)
    {
        Operation = operation;
        Status = status;
        NativeMessage = nativeMessage;
    }

    public OpenVinoException()
    {
        Operation = string.Empty;
    }

    public OpenVinoException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public OpenVinoException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    /// <summary>The C function that failed, e.g. <c>ov_core_compile_model</c>.</summary>
    public string Operation { get; }

    /// <summary>Its status code (may be a value outside the enum if the library returned one).</summary>
    public OpenVinoStatus Status { get; }

    /// <summary>The library's description of the failure, when it gives one.</summary>
    public string? NativeMessage { get; }
}
