namespace EdgeWatch.Pipeline.Detections;

/// <summary>An axis-aligned box in frame pixels, corners (X1, Y1) top-left and (X2, Y2) bottom-right.</summary>
public readonly record struct BoundingBox(float X1, float Y1, float X2, float Y2)
{
    public float Width => X2 - X1;

    public float Height => Y2 - Y1;

    public float Area => Math.Max(0f, X2 - X1) * Math.Max(0f, Y2 - Y1);

    /// <summary>Intersection over union; 0 when either box is empty.</summary>
    public float IoU(in BoundingBox other)
    {
        var w = Math.Min(X2, other.X2) - Math.Max(X1, other.X1);
        var h = Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1);
        if (w <= 0f || h <= 0f)
        {
            return 0f;
        }

        var intersection = w * h;
        var union = Area + other.Area - intersection;
        return union > 0f ? intersection / union : 0f;
    }
}
