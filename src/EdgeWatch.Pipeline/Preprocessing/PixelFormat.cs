namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>How an image's pixels are laid out in memory.</summary>
public enum PixelFormat
{
    /// <summary>Interleaved blue, green, red bytes (ffmpeg's bgr24): still images, snapshots.</summary>
    Bgr24,

    /// <summary>
    /// Planar YUV 4:2:0 (ffmpeg's yuv420p): a full-size luma plane, then quarter-size U and V planes. What cameras and
    /// video decoders produce: half the bytes of BGR, and converted to colour only for the pixels a model is fed.
    /// </summary>
    I420,
}
