using EdgeWatch.Pipeline.Inference.OpenVino;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// The numbers of <c>ov_element_type_e</c> in one range of OpenVINO releases. They moved twice after 2022.3, so a binding
/// that hard-codes them passes U4 where it means U8 on a newer runtime.
/// </summary>
/// <remarks>
/// Read from the C headers and from bindings generated against them (intel/openvino-rs at 2024.0, 2024.4, 2025.1 and
/// 2026.1; sdcb/OpenVINO.NET at 2023.2, 2024.2, 2025.0, 2025.1 and 2026.2):
/// <list type="bullet">
/// <item>2022.3 – 2024.1: UNDEFINED 0, DYNAMIC 1, BOOLEAN 2, BF16 3, F16 4, F32 5, F64 6, I4 7, I8 8, I16 9, I32 10, I64 11,
/// U1 12, U4 13, U8 14, U16 15, U32 16, U64 17 (later NF4, F8E4M3, F8E5M3 appended).</item>
/// <item>2024.2 – 2025.0: U2 and U3 inserted before U4, U6 before U8 (openvino#24608, May 2024): U8 17, U64 20; STRING,
/// F4E2M1, F8E8M0 appended.</item>
/// <item>2025.1 – 2026.x: DYNAMIC folded into UNDEFINED at 0 (openvino#28766), everything after moves down one: F16 3,
/// F32 4, I32 9, I64 10, U8 16.</item>
/// </list>
/// Releases outside 2022.3 – 2026.x are refused rather than guessed.
/// </remarks>
internal sealed class OvElementTypeTable
{
    private static readonly OvElementType[] Before2024Dot2 =
    [
        OvElementType.Undefined, OvElementType.Dynamic, OvElementType.Boolean, OvElementType.BF16, OvElementType.F16,
        OvElementType.F32, OvElementType.F64, OvElementType.I4, OvElementType.I8, OvElementType.I16, OvElementType.I32,
        OvElementType.I64, OvElementType.U1, OvElementType.U4, OvElementType.U8, OvElementType.U16, OvElementType.U32,
        OvElementType.U64, OvElementType.NF4, OvElementType.F8E4M3, OvElementType.F8E5M2,
    ];

    private static readonly OvElementType[] From2024Dot2 =
    [
        OvElementType.Undefined, OvElementType.Dynamic, OvElementType.Boolean, OvElementType.BF16, OvElementType.F16,
        OvElementType.F32, OvElementType.F64, OvElementType.I4, OvElementType.I8, OvElementType.I16, OvElementType.I32,
        OvElementType.I64, OvElementType.U1, OvElementType.U2, OvElementType.U3, OvElementType.U4, OvElementType.U6,
        OvElementType.U8, OvElementType.U16, OvElementType.U32, OvElementType.U64, OvElementType.NF4, OvElementType.F8E4M3,
        OvElementType.F8E5M2, OvElementType.String, OvElementType.F4E2M1, OvElementType.F8E8M0,
    ];

    private static readonly OvElementType[] From2025Dot1 =
    [
        OvElementType.Dynamic, OvElementType.Boolean, OvElementType.BF16, OvElementType.F16, OvElementType.F32,
        OvElementType.F64, OvElementType.I4, OvElementType.I8, OvElementType.I16, OvElementType.I32, OvElementType.I64,
        OvElementType.U1, OvElementType.U2, OvElementType.U3, OvElementType.U4, OvElementType.U6, OvElementType.U8,
        OvElementType.U16, OvElementType.U32, OvElementType.U64, OvElementType.NF4, OvElementType.F8E4M3,
        OvElementType.F8E5M2, OvElementType.String, OvElementType.F4E2M1, OvElementType.F8E8M0,
    ];

    private readonly OvElementType[] _byCode;

    private OvElementTypeTable(string releases, OvElementType[] byCode)
    {
        Releases = releases;
        _byCode = byCode;
    }

    /// <summary>The releases this table holds for, e.g. "2022.3 – 2024.1".</summary>
    public string Releases { get; }

    /// <summary>The oldest release EdgeWatch's binding fits: the first with the final 2.0 C API.</summary>
    public static OpenVinoVersion Oldest { get; } = new(2022, 3, 0);

    /// <summary>The first major release EdgeWatch does not know.</summary>
    public const int FirstUnknownMajor = 2027;

    /// <summary>The native code of <paramref name="type"/>.</summary>
    public int this[OvElementType type]
    {
        get
        {
            var code = Array.IndexOf(_byCode, type);
            return code >= 0 ? code : throw new ArgumentOutOfRangeException(nameof(type), type, $"OpenVINO {Releases} has no element type {type}");
        }
    }

    /// <summary>The element type a native code means, or <see cref="OvElementType.Unknown"/>.</summary>
    public OvElementType FromNative(int code) => (uint)code < (uint)_byCode.Length ? _byCode[code] : OvElementType.Unknown;

    /// <summary>The table for a release, or null when EdgeWatch does not know its numbering.</summary>
    public static OvElementTypeTable? For(OpenVinoVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version < Oldest || version.Major >= FirstUnknownMajor)
        {
            return null;
        }

        if (version < new OpenVinoVersion(2024, 2, 0))
        {
            return new OvElementTypeTable("2022.3 – 2024.1", Before2024Dot2);
        }

        return version < new OpenVinoVersion(2025, 1, 0)
            ? new OvElementTypeTable("2024.2 – 2025.0", From2024Dot2)
            : new OvElementTypeTable("2025.1 – 2026.x", From2025Dot1);
    }

    /// <summary>Size of one element in bytes, for the types EdgeWatch reads; 0 for others.</summary>
    public static int SizeOf(OvElementType type) => type switch
    {
        OvElementType.F32 or OvElementType.I32 or OvElementType.U32 => 4,
        OvElementType.F16 or OvElementType.BF16 or OvElementType.I16 or OvElementType.U16 => 2,
        OvElementType.F64 or OvElementType.I64 or OvElementType.U64 => 8,
        OvElementType.U8 or OvElementType.I8 or OvElementType.Boolean => 1,
        _ => 0,
    };

    /// <summary>The name EdgeWatch's tensor descriptions use ("float32", "uint8", ...).</summary>
    public static string NameOf(OvElementType type) => type switch
    {
        OvElementType.F32 => "float32",
        OvElementType.F16 => "float16",
        OvElementType.BF16 => "bfloat16",
        OvElementType.F64 => "float64",
        OvElementType.U8 => "uint8",
        OvElementType.I8 => "int8",
        OvElementType.I32 => "int32",
        OvElementType.I64 => "int64",
        OvElementType.Boolean => "bool",
        _ => type.ToString().ToLowerInvariant(),
    };
}
