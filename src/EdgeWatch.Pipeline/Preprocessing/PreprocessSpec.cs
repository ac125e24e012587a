using EdgeWatch.Pipeline.Inference;

namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>
/// Everything needed to turn a BGR frame into a model input: size, layout, element type, channel order, normalisation
/// and how the frame is fitted in.
/// </summary>
/// <remarks>
/// A float input element is <c>(pixel * Scale - Mean[c]) / Std[c]</c>, c counted in the model's channel order. A model
/// manifest's <c>input</c> object is one of these (plus the input's name), so the JSON keys are these property names.
/// </remarks>
public record PreprocessSpec
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    public TensorLayout Layout { get; init; } = TensorLayout.Nchw;

    public TensorElementType ElementType { get; init; } = TensorElementType.Float32;

    public ColorOrder ColorOrder { get; init; } = ColorOrder.Bgr;

    public float Scale { get; init; } = 1f;

    public IReadOnlyList<float> Mean { get; init; } = [0f, 0f, 0f];

    public IReadOnlyList<float> Std { get; init; } = [1f, 1f, 1f];

    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;

    public LetterboxAnchor Anchor { get; init; } = LetterboxAnchor.TopLeft;

    /// <summary>Pixel value (0..255) of the letterbox padding.</summary>
    public byte PadValue { get; init; } = 114;

    /// <summary>For <see cref="ResizeMode.CenterCrop"/>: the crop's share of the resized short side (224/256 = 0.875).</summary>
    public float CropFraction { get; init; } = 0.875f;

    /// <summary>
    /// Low-pass filter when shrinking (PIL/torchvision-style triangle filter widened by the scale factor) instead of plain
    /// bilinear sampling (OpenCV's INTER_LINEAR). Match what the model was trained with.
    /// </summary>
    public bool Antialias { get; init; }

    /// <summary>The tensor shape for a batch of one.</summary>
    public int[] TensorShape => Layout == TensorLayout.Nchw ? [1, 3, Height, Width] : [1, Height, Width, 3];
}
