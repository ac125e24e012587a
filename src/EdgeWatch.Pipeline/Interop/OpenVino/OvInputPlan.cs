namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// What to build in front of one model input: what the caller will feed (element type, layout, colour) and the steps
/// that turn it into what the model expects. Anything left null is not set.
/// </summary>
internal sealed record OvInputPlan
{
    public required int InputIndex { get; init; }

    /// <summary>Element type of the tensors EdgeWatch will pass.</summary>
    public required OvElementType TensorElementType { get; init; }

    /// <summary>Layout of those tensors ("NHWC"); with <see cref="ModelLayout"/> the runtime adds the transpose.</summary>
    public string? TensorLayout { get; init; }

    /// <summary>The layout the model's input has ("NCHW").</summary>
    public string? ModelLayout { get; init; }

    /// <summary>Colour format of the tensors (BGR, as frames come).</summary>
    public OvColorFormat? TensorColor { get; init; }

    /// <summary>Colour the model wants, when it differs (RGB).</summary>
    public OvColorFormat? ConvertColorTo { get; init; }

    /// <summary>Element type to convert to before the mean and scale steps (F32).</summary>
    public OvElementType? ConvertElementTo { get; init; }

    /// <summary>Subtracted from every element (one value for all channels).</summary>
    public float? Mean { get; init; }

    /// <summary>Every element is divided by it (one value for all channels).</summary>
    public float? Scale { get; init; }
}
