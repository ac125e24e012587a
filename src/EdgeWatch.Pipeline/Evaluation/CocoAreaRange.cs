namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>An object-size band by area in square pixels, bounds inclusive (as in pycocotools).</summary>
internal readonly record struct CocoAreaRange(string Label, double Min, double Max)
{
    public static IReadOnlyList<CocoAreaRange> Standard { get; } =
    [
        new("all", 0, 1e5 * 1e5),
        new("small", 0, 32 * 32),
        new("medium", 32 * 32, 96 * 96),
        new("large", 96 * 96, 1e5 * 1e5),
    ];

    public bool Excludes(double area) => area < Min || area > Max;
}
