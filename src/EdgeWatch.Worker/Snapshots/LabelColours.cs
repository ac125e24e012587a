namespace EdgeWatch.Worker.Snapshots;

/// <summary>
/// A colour per label, by the label's index in its model (so "person" keeps its colour across cameras and restarts):
/// saturated colours that stand out from most scenes and from each other.
/// </summary>
public static class LabelColours
{
    private static readonly BgrColour[] Palette =
    [
        new(0, 255, 0),     // green (COCO: person)
        new(0, 0, 255),     // red
        new(255, 128, 0),   // blue
        new(0, 255, 255),   // yellow
        new(255, 0, 255),   // magenta
        new(255, 255, 0),   // cyan
        new(0, 128, 255),   // orange
        new(255, 0, 128),   // violet
        new(0, 255, 128),   // lime
        new(128, 0, 255),   // pink
    ];

    public static BgrColour For(int label) => Palette[(int)((uint)label % (uint)Palette.Length)];
}
