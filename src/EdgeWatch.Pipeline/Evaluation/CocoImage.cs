namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>One image of a ground-truth set.</summary>
/// <param name="Id">COCO image id.</param>
/// <param name="FileName">File name relative to the images folder (e.g. "000000000009.jpg").</param>
/// <param name="Width">Width in pixels (0 when a COCO file does not say: scoring boxes does not need it).</param>
/// <param name="Height">Height in pixels (0 when a COCO file does not say).</param>
public sealed record CocoImage(int Id, string FileName, int Width, int Height);
