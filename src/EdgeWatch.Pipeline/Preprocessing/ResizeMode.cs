namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>How a frame is fitted into the model's input.</summary>
public enum ResizeMode
{
    /// <summary>Keep the aspect ratio, scale to fit, fill the rest with the pad value (YOLO family).</summary>
    Letterbox,

    /// <summary>Scale each axis independently to fill the input (SSD family).</summary>
    Stretch,

    /// <summary>Scale the short side, then cut the centre (ImageNet classifiers: 256 then 224).</summary>
    CenterCrop,
}
