namespace EdgeWatch.Pipeline.Preprocessing;

/// <summary>Where a letterboxed image sits inside the model's input.</summary>
public enum LetterboxAnchor
{
    /// <summary>At the top-left corner, padding right and below (YOLOX).</summary>
    TopLeft,

    /// <summary>Centred, padding split on both sides (YOLOv5 and later).</summary>
    Center,
}
