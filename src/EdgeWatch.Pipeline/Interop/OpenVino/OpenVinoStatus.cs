namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// <c>ov_status_e</c>, the return code of every OpenVINO C API call (ov_common.h; the same numbers from 2022.3 on).
/// </summary>
public enum OpenVinoStatus
{
    Ok = 0,
    GeneralError = -1,
    NotImplemented = -2,
    NetworkNotLoaded = -3,
    ParameterMismatch = -4,
    NotFound = -5,
    OutOfBounds = -6,
    Unexpected = -7,
    RequestBusy = -8,
    ResultNotReady = -9,
    NotAllocated = -10,
    InferNotStarted = -11,
    NetworkNotRead = -12,
    InferCancelled = -13,
    InvalidCParam = -14,
    UnknownCError = -15,
    NotImplementCMethod = -16,
    UnknowException = -17,
}
