using EdgeWatch.Pipeline.Detections;

namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>
/// Maps coordinates in the model's input back to the frame they came from: <c>frame = tensor * Scale + Offset</c> per
/// axis. Returned by the pre-processor for every frame; decoders use it to report boxes in frame pixels.
/// </summary>
public readonly record struct ImageTransform(
    float ScaleX,
    float ScaleY,
    float OffsetX,
    float OffsetY,
    int FrameWidth,
    int FrameHeight,
    int TensorWidth,
    int TensorHeight)
{
    /// <summary>A box in input-tensor pixels, mapped to frame pixels and clipped to the frame.</summary>
    public BoundingBox MapFromTensor(float x1, float y1, float x2, float y2) => new(
        Math.Clamp(x1 * ScaleX + OffsetX, 0f, FrameWidth),
        Math.Clamp(y1 * ScaleY + OffsetY, 0f, FrameHeight),
        Math.Clamp(x2 * ScaleX + OffsetX, 0f, FrameWidth),
        Math.Clamp(y2 * ScaleY + OffsetY, 0f, FrameHeight));

    /// <summary>A box in coordinates normalised to the input tensor (0..1), mapped to frame pixels.</summary>
    public BoundingBox MapFromNormalized(float x1, float y1, float x2, float y2) =>
        MapFromTensor(x1 * TensorWidth, y1 * TensorHeight, x2 * TensorWidth, y2 * TensorHeight);
}
