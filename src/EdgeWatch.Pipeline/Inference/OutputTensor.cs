namespace EdgeWatch.Pipeline.Inference;

/// <summary>
/// One model output, copied out of (or written straight into by) the runtime as float32, in storage that belongs to one
/// inference request and is reused for its next frame. Decoders read it before the request is reused.
/// </summary>
public sealed class OutputTensor
{
    private float[] _data;

    public OutputTensor(string name, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        var dimensions = shape.ToArray();
        Shape = dimensions;
        long count = 1;
        foreach (var dimension in dimensions)
        {
            count *= Math.Max(dimension, 1);
        }

        Length = checked((int)count);
        _data = GC.AllocateArray<float>(Length, pinned: true);
    }

    /// <summary>The output's name in the model.</summary>
    public string Name { get; }

    /// <summary>Its dimensions for the last inference (dynamic outputs change between runs).</summary>
    public int[] Shape { get; private set; }

    /// <summary>Number of valid elements for the last inference.</summary>
    public int Length { get; private set; }

    /// <summary>The values of the last inference.</summary>
    public ReadOnlySpan<float> Values => _data.AsSpan(0, Length);

    /// <summary>The storage, for the backend that fills it.</summary>
    internal float[] Storage => _data;

    /// <summary>Writable view for backends and tests.</summary>
    public Span<float> Writable => _data.AsSpan(0, Length);

    /// <summary>Dimension <paramref name="axis"/>, counting from the end when negative.</summary>
    public int Dim(int axis) => axis < 0 ? Shape[Shape.Length + axis] : Shape[axis];

    /// <summary>
    /// Changes the shape for an output whose size is only known after inference. Grows the storage when needed (rarely:
    /// once per new maximum), so steady state allocates nothing.
    /// </summary>
    public void Reshape(ReadOnlySpan<long> dimensions)
    {
        long count = 1;
        var same = dimensions.Length == Shape.Length;
        for (var i = 0; i < dimensions.Length; i++)
        {
            count *= dimensions[i];
            same &= i < Shape.Length && Shape[i] == dimensions[i];
        }

        if (!same)
        {
            var shape = new int[dimensions.Length];
            for (var i = 0; i < shape.Length; i++)
            {
                shape[i] = checked((int)dimensions[i]);
            }

            Shape = shape;
        }

        Length = checked((int)count);
        if (_data.Length < Length)
        {
            _data = GC.AllocateArray<float>(Length, pinned: true);
        }
    }
}
