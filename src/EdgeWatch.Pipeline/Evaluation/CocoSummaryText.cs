using System.Globalization;
using System.Text;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>Plain-text reports of a <see cref="CocoEvaluation"/>, laid out like pycocotools' output.</summary>
public static class CocoSummaryText
{
    /// <summary>
    /// The 12 lines pycocotools' summarize() prints, e.g.
    /// <c> Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.405</c>.
    /// </summary>
    public static string Format(CocoEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var limits = evaluation.MaxDetections;
        var text = new StringBuilder();
        Line(text, true, "0.50:0.95", "all", limits[2], evaluation.Map);
        Line(text, true, "0.50", "all", limits[2], evaluation.Map50);
        Line(text, true, "0.75", "all", limits[2], evaluation.Map75);
        Line(text, true, "0.50:0.95", "small", limits[2], evaluation.MapSmall);
        Line(text, true, "0.50:0.95", "medium", limits[2], evaluation.MapMedium);
        Line(text, true, "0.50:0.95", "large", limits[2], evaluation.MapLarge);
        Line(text, false, "0.50:0.95", "all", limits[0], evaluation.Ar1);
        Line(text, false, "0.50:0.95", "all", limits[1], evaluation.Ar10);
        Line(text, false, "0.50:0.95", "all", limits[2], evaluation.Ar100);
        Line(text, false, "0.50:0.95", "small", limits[2], evaluation.ArSmall);
        Line(text, false, "0.50:0.95", "medium", limits[2], evaluation.ArMedium);
        Line(text, false, "0.50:0.95", "large", limits[2], evaluation.ArLarge);
        return text.ToString();
    }

    /// <summary>
    /// One line per category: id, name, AP @[.50:.95], AP @.50 and ground-truth count; "-" for a category
    /// without ground truth.
    /// </summary>
    public static string FormatPerClass(CocoEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var width = Math.Max(8, evaluation.PerClass.Select(c => c.Name.Length).DefaultIfEmpty(0).Max());
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"id",4}  {"category".PadRight(width)}  {"AP",6}  {"AP50",6}  {"objects",7}\n");
        foreach (var c in evaluation.PerClass)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{c.CategoryId,4}  {c.Name.PadRight(width)}  {Figure(c.Ap),6}  {Figure(c.Ap50),6}  {c.GroundTruthCount,7}\n");
        }

        return text.ToString();
    }

    private static string Figure(double value) =>
        value > -1 ? value.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static void Line(StringBuilder text, bool precision, string iou, string area, int maxDetections, double value)
    {
        var title = precision ? "Average Precision" : "Average Recall";
        var kind = precision ? "(AP)" : "(AR)";
        text.Append(CultureInfo.InvariantCulture,
            $" {title,-18} {kind} @[ IoU={iou,-9} | area={area,6} | maxDets={maxDetections,3} ] = {value:0.000}\n");
    }
}
