using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.OnnxRuntime;

/// <summary>
/// The part of ONNX Runtime's <c>OrtApi</c> function table that EdgeWatch calls, bound by index.
/// </summary>
/// <remarks>
/// <c>OrtApi</c> is append-only, so an index never changes meaning across releases. The indices were computed by a C
/// compiler with <c>offsetof(OrtApi, Member) / sizeof(void*)</c> against the 1.29 header and each was called against the
/// 1.30 library. Every status-returning member returns <c>OrtStatus*</c>, NULL meaning success; see <see cref="OrtStatus"/>.
/// Native names stay in this folder; domain code sees only the handles and the backend.
/// </remarks>
internal sealed unsafe class OrtApi
{
    /// <summary>The API version requested from <c>OrtGetApiBase()->GetApi</c>: 1.30's own.</summary>
    public const uint Version = 30;

    // OrtErrorCode GetErrorCode(const OrtStatus* status)
    public readonly delegate* unmanaged<IntPtr, int> GetErrorCode;
    // const char* GetErrorMessage(const OrtStatus* status)
    public readonly delegate* unmanaged<IntPtr, byte*> GetErrorMessage;
    // OrtStatus* CreateEnv(OrtLoggingLevel log_severity_level, const char* logid, OrtEnv** out)
    public readonly delegate* unmanaged<int, byte*, IntPtr*, IntPtr> CreateEnv;
    // OrtStatus* CreateSession(const OrtEnv* env, const ORTCHAR_T* model_path, const OrtSessionOptions* options, OrtSession** out)
    public readonly delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr> CreateSession;
    // OrtStatus* Run(OrtSession* session, const OrtRunOptions* run_options, const char* const* input_names,
    //                const OrtValue* const* inputs, size_t input_len, const char* const* output_names,
    //                size_t output_names_len, OrtValue** outputs)
    // A non-NULL entry of `outputs` is used as a pre-allocated output (checked against 1.30).
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr> Run;
    // OrtStatus* CreateSessionOptions(OrtSessionOptions** options)
    public readonly delegate* unmanaged<IntPtr*, IntPtr> CreateSessionOptions;
    // OrtStatus* SetSessionExecutionMode(OrtSessionOptions* options, ExecutionMode execution_mode)
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetSessionExecutionMode;
    // OrtStatus* SetSessionGraphOptimizationLevel(OrtSessionOptions* options, GraphOptimizationLevel level)
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel;
    // OrtStatus* SetIntraOpNumThreads(OrtSessionOptions* options, int intra_op_num_threads)
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetIntraOpNumThreads;
    // OrtStatus* SetInterOpNumThreads(OrtSessionOptions* options, int inter_op_num_threads)
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetInterOpNumThreads;
    // OrtStatus* SessionGetInputCount(const OrtSession* session, size_t* out)
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetInputCount;
    // OrtStatus* SessionGetOutputCount(const OrtSession* session, size_t* out)
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetOutputCount;
    // OrtStatus* SessionGetInputTypeInfo(const OrtSession* session, size_t index, OrtTypeInfo** type_info)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo;
    // OrtStatus* SessionGetOutputTypeInfo(const OrtSession* session, size_t index, OrtTypeInfo** type_info)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo;
    // OrtStatus* SessionGetInputName(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName;
    // OrtStatus* SessionGetOutputName(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName;
    // OrtStatus* CreateRunOptions(OrtRunOptions** out)
    public readonly delegate* unmanaged<IntPtr*, IntPtr> CreateRunOptions;
    // OrtStatus* RunOptionsSetTerminate(OrtRunOptions* options)
    public readonly delegate* unmanaged<IntPtr, IntPtr> RunOptionsSetTerminate;
    // OrtStatus* RunOptionsUnsetTerminate(OrtRunOptions* options)
    public readonly delegate* unmanaged<IntPtr, IntPtr> RunOptionsUnsetTerminate;
    // OrtStatus* CreateTensorWithDataAsOrtValue(const OrtMemoryInfo* info, void* p_data, size_t p_data_len,
    //                                           const int64_t* shape, size_t shape_len, ONNXTensorElementDataType type, OrtValue** out)
    public readonly delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue;
    // OrtStatus* GetTensorMutableData(OrtValue* value, void** out)
    public readonly delegate* unmanaged<IntPtr, void**, IntPtr> GetTensorMutableData;
    // OrtStatus* CastTypeInfoToTensorInfo(const OrtTypeInfo* type_info, const OrtTensorTypeAndShapeInfo** out)
    // The result is borrowed from the type info: never released on its own.
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo;
    // OrtStatus* GetTensorElementType(const OrtTensorTypeAndShapeInfo* info, ONNXTensorElementDataType* out)
    public readonly delegate* unmanaged<IntPtr, int*, IntPtr> GetTensorElementType;
    // OrtStatus* GetDimensionsCount(const OrtTensorTypeAndShapeInfo* info, size_t* out)
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> GetDimensionsCount;
    // OrtStatus* GetDimensions(const OrtTensorTypeAndShapeInfo* info, int64_t* dim_values, size_t dim_values_length)
    public readonly delegate* unmanaged<IntPtr, long*, nuint, IntPtr> GetDimensions;
    // OrtStatus* GetTensorShapeElementCount(const OrtTensorTypeAndShapeInfo* info, size_t* out)
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> GetTensorShapeElementCount;
    // OrtStatus* GetTensorTypeAndShape(const OrtValue* value, OrtTensorTypeAndShapeInfo** out)
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape;
    // OrtStatus* CreateCpuMemoryInfo(OrtAllocatorType type, OrtMemType mem_type, OrtMemoryInfo** out)
    public readonly delegate* unmanaged<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo;
    // OrtStatus* AllocatorFree(OrtAllocator* ort_allocator, void* p)
    public readonly delegate* unmanaged<IntPtr, void*, IntPtr> AllocatorFree;
    // OrtStatus* GetAllocatorWithDefaultOptions(OrtAllocator** out)
    public readonly delegate* unmanaged<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions;
    // void ReleaseEnv(OrtEnv* input)
    public readonly delegate* unmanaged<IntPtr, void> ReleaseEnv;
    // void ReleaseStatus(OrtStatus* input)
    public readonly delegate* unmanaged<IntPtr, void> ReleaseStatus;
    // void ReleaseMemoryInfo(OrtMemoryInfo* input)
    public readonly delegate* unmanaged<IntPtr, void> ReleaseMemoryInfo;
    // void ReleaseSession(OrtSession* input)
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSession;
    // void ReleaseValue(OrtValue* input)
    public readonly delegate* unmanaged<IntPtr, void> ReleaseValue;
    // void ReleaseRunOptions(OrtRunOptions* input)
    public readonly delegate* unmanaged<IntPtr, void> ReleaseRunOptions;
    // void ReleaseTypeInfo(OrtTypeInfo* input)
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTypeInfo;
    // void ReleaseTensorTypeAndShapeInfo(OrtTensorTypeAndShapeInfo* input)
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTensorTypeAndShapeInfo;
    // void ReleaseSessionOptions(OrtSessionOptions* input)
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSessionOptions;
    // OrtStatus* AddSessionConfigEntry(OrtSessionOptions* options, const char* config_key, const char* config_value)
    public readonly delegate* unmanaged<IntPtr, byte*, byte*, IntPtr> AddSessionConfigEntry;
    // const char* GetBuildInfoString(void)   (absent before API 15 or so; 1.30 has it)
    public readonly delegate* unmanaged<byte*> GetBuildInfoString;

    public OrtApi(void** table)
    {
        GetErrorCode = (delegate* unmanaged<IntPtr, int>)table[1];
        GetErrorMessage = (delegate* unmanaged<IntPtr, byte*>)table[2];
        CreateEnv = (delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)table[3];
        CreateSession = (delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)table[7];
        Run = (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr>)table[9];
        CreateSessionOptions = (delegate* unmanaged<IntPtr*, IntPtr>)table[10];
        SetSessionExecutionMode = (delegate* unmanaged<IntPtr, int, IntPtr>)table[13];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<IntPtr, int, IntPtr>)table[23];
        SetIntraOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)table[24];
        SetInterOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)table[25];
        SessionGetInputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[30];
        SessionGetOutputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[31];
        SessionGetInputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)table[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)table[34];
        SessionGetInputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)table[36];
        SessionGetOutputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)table[37];
        CreateRunOptions = (delegate* unmanaged<IntPtr*, IntPtr>)table[39];
        RunOptionsSetTerminate = (delegate* unmanaged<IntPtr, IntPtr>)table[46];
        RunOptionsUnsetTerminate = (delegate* unmanaged<IntPtr, IntPtr>)table[47];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)table[49];
        GetTensorMutableData = (delegate* unmanaged<IntPtr, void**, IntPtr>)table[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)table[55];
        GetTensorElementType = (delegate* unmanaged<IntPtr, int*, IntPtr>)table[60];
        GetDimensionsCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[61];
        GetDimensions = (delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)table[62];
        GetTensorShapeElementCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[64];
        GetTensorTypeAndShape = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)table[65];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, IntPtr*, IntPtr>)table[69];
        AllocatorFree = (delegate* unmanaged<IntPtr, void*, IntPtr>)table[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<IntPtr*, IntPtr>)table[78];
        ReleaseEnv = (delegate* unmanaged<IntPtr, void>)table[92];
        ReleaseStatus = (delegate* unmanaged<IntPtr, void>)table[93];
        ReleaseMemoryInfo = (delegate* unmanaged<IntPtr, void>)table[94];
        ReleaseSession = (delegate* unmanaged<IntPtr, void>)table[95];
        ReleaseValue = (delegate* unmanaged<IntPtr, void>)table[96];
        ReleaseRunOptions = (delegate* unmanaged<IntPtr, void>)table[97];
        ReleaseTypeInfo = (delegate* unmanaged<IntPtr, void>)table[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<IntPtr, void>)table[99];
        ReleaseSessionOptions = (delegate* unmanaged<IntPtr, void>)table[100];
        AddSessionConfigEntry = (delegate* unmanaged<IntPtr, byte*, byte*, IntPtr>)table[130];
        GetBuildInfoString = (delegate* unmanaged<byte*>)table[254];
    }

    /// <summary>Reads a NUL-terminated UTF-8 string owned by the library.</summary>
    public static string? ReadUtf8(byte* text) => text is null ? null : Marshal.PtrToStringUTF8((IntPtr)text);
}
