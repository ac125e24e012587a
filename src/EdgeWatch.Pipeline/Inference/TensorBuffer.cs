using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Inference;

/// <summary>
/// A tensor's storage, allocated once and reused for every frame: a pinned array, so a native runtime can be handed its
/// address once at set-up and never again.
/// </summary>
public sealed class TensorBuffer
{
    private readonly float[]? _floats;
    private readonly byte[]? _bytes;

    public TensorBuffer(TensorElementType elementType, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ElementType = elementType;
        Shape = [.. shape];
        long count = 1;
        foreach (var dimension in Shape)
        {
            if (dimension <= 0)
            {
                throw new ArgumentException($"A tensor buffer needs a static shape, got [{string.Join(',', Shape)}].", nameof(shape));
            }

            count *= dimension;
        }

        Length = checked((int)count);
        if (elementType == TensorElementType.Float32)
        {
            _floats = GC.AllocateArray<float>(Length, pinned: true);
        }
        else
        {
            _bytes = GC.AllocateArray<byte>(Length, pinned: true);
        }
    }

    public TensorElementType ElementType { get; }

    /// <summary>The tensor's dimensions, e.g. [1, 3, 416, 416].</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Size in bytes.</summary>
    public int ByteLength => ElementType == TensorElementType.Float32 ? Length * sizeof(float) : Length;

    /// <summary>The elements of a <see cref="TensorElementType.Float32"/> tensor.</summary>
    public Span<float> Floats => _floats ?? throw new InvalidOperationException("This tensor holds bytes, not floats.");

    /// <summary>The elements of a <see cref="TensorElementType.UInt8"/> tensor.</summary>
    public Span<byte> Bytes => _bytes ?? throw new InvalidOperationException("This tensor holds floats, not bytes.");

    /// <summary>The storage as raw bytes, whatever the element type.</summary>
    public Span<byte> RawBytes => _floats is not null ? MemoryMarshal.AsBytes(_floats.AsSpan()) : _bytes;

    /// <summary>Address of the first element; valid for the buffer's lifetime because the array is pinned.</summary>
    internal unsafe void* Address => _floats is not null
        ? Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_floats))
        : Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_bytes!));
}
