using System.Diagnostics.CodeAnalysis;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// OpenVINO's element types by meaning, independent of the numbers a given release gives them in
/// <c>ov_element_type_e</c>; <see cref="OvElementTypeTable"/> translates.
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Element types are named after the data types they are.")]
internal enum OvElementType
{
    Unknown,
    Undefined,
    Dynamic,
    Boolean,
    BF16,
    F16,
    F32,
    F64,
    I4,
    I8,
    I16,
    I32,
    I64,
    U1,
    U2,
    U3,
    U4,
    U6,
    U8,
    U16,
    U32,
    U64,
    NF4,
    F8E4M3,
    F8E5M2,
    String,
    F4E2M1,
    F8E8M0,
}
