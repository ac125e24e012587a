namespace EdgeWatch.Pipeline.Interop.OnnxRuntime;

/// <summary>ONNXTensorElementDataType: the element types EdgeWatch reads or writes.</summary>
internal enum OrtElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
}

/// <summary>OrtErrorCode, as the library reports it in a status.</summary>
public enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    EpFail = 11,
}

/// <summary>The constants of the C API that EdgeWatch passes in.</summary>
internal static class OrtConstants
{
    public const int LoggingLevelError = 3;      // ORT_LOGGING_LEVEL_ERROR
    public const int ExecutionModeSequential = 0; // ORT_SEQUENTIAL
    public const int GraphOptimizationAll = 99;   // ORT_ENABLE_ALL
    public const int ArenaAllocator = 1;          // OrtArenaAllocator
    public const int MemTypeDefault = 0;          // OrtMemTypeDefault
}
