namespace EdgeWatch.Worker.Snapshots;

/// <summary>A colour in the frames' byte order (blue, green, red).</summary>
public readonly record struct BgrColour(byte B, byte G, byte R)
{
    public static readonly BgrColour Black = new(0, 0, 0);

    public static readonly BgrColour White = new(255, 255, 255);

    /// <summary>Perceived brightness 0..255 (Rec. 601 weights), to pick readable text on this colour.</summary>
    public int Luma => ((299 * R) + (587 * G) + (114 * B)) / 1000;
}
