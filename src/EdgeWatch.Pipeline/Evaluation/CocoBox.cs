namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>An axis-aligned box in COCO's convention: top-left corner, width and height, in pixels.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width (x extent).</param>
/// <param name="Height">Height (y extent).</param>
public readonly record struct CocoBox(double X, double Y, double Width, double Height)
{
    /// <summary>Width times height: the area COCO gives a detection (and a YOLO-labelled object).</summary>
    public double Area => Width * Height;

    /// <summary>True when all four numbers are finite.</summary>
    public bool IsFinite =>
        double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Width) && double.IsFinite(Height);

    /// <summary>The box spanning the corners (x1, y1) and (x2, y2).</summary>
    public static CocoBox FromCorners(double x1, double y1, double x2, double y2) => new(x1, y1, x2 - x1, y2 - y1);
}
