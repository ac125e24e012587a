using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Models;

/// <summary>The manifest's <c>input</c> object: what the model expects to be fed.</summary>
public sealed record ModelInputManifest
{
    /// <summary>The input's name in the model; the first input when absent.</summary>
    public string? Name { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public TensorLayout Layout { get; init; } = TensorLayout.Nchw;

    public TensorElementType ElementType { get; init; } = TensorElementType.Float32;

    public ColorOrder ColorOrder { get; init; } = ColorOrder.Bgr;

    /// <summary>Multiplies each pixel before the mean is subtracted (1/255 for 0..1 inputs).</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>Per channel, in the model's channel order, after scaling.</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0f, 0f, 0f];

    /// <summary>Per channel, in the model's channel order, after scaling.</summary>
    public IReadOnlyList<float> Std { get; init; } = [1f, 1f, 1f];

    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;

    public LetterboxAnchor Anchor { get; init; } = LetterboxAnchor.TopLeft;

    public int PadValue { get; init; } = 114;

    public float CropFraction { get; init; } = 0.875f;

    /// <summary>Low-pass filter when shrinking, as PIL/torchvision do; false for OpenCV-style bilinear sampling.</summary>
    public bool Antialias { get; init; }
}
