namespace EdgeWatch.Pipeline.Interop.OnnxRuntime;

/// <summary>An error reported by ONNX Runtime, with its error code and its own message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OrtErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public OnnxRuntimeException()
    {
    }

    public OnnxRuntimeException(string message)
        : base(message)
    {
    }

    public OnnxRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The library's error code (NO_SUCHFILE, INVALID_PROTOBUF, ...).</summary>
    public OrtErrorCode Code { get; }
}
