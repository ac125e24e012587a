using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeWatch.Pipeline.Evaluation;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// The results of <c>edgewatch eval</c> as JSON (one object per model, the COCO figures and per-class AP), as a Markdown
/// report and as an SVG chart of mAP by model and precision.
/// </summary>
internal sealed class EvaluationReport(IReadOnlyList<EvaluationOutcome> outcomes, string heading, string command)
{
    private static readonly CultureInfo O = CultureInfo.InvariantCulture;

    /// <summary>One object for one outcome, an array for several.</summary>
    public void WriteJson(Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        if (outcomes.Count == 1)
        {
            WriteOutcome(writer, outcomes[0]);
        }
        else
        {
            writer.WriteStartArray();
            foreach (var outcome in outcomes)
            {
                WriteOutcome(writer, outcome);
            }

            writer.WriteEndArray();
        }
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# edgewatch eval").AppendLine();
        md.AppendLine(heading).AppendLine();
        md.AppendLine(string.Create(O, $"Command: `{command}`")).AppendLine();
        md.AppendLine("| model | precision | device | threshold | NMS | mAP@[.5:.95] | mAP@.5 | mAP@.75 | AP small | AP medium | AP large | AR@100 | detections |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var o in outcomes)
        {
            var e = o.Evaluation;
            md.AppendLine(string.Create(O,
                $"| {o.Name} | {o.Precision ?? "-"} | {o.Device ?? "-"} | {Number(o.Threshold)} | {Number(o.Nms)} | {F(e.Map)} | {F(e.Map50)} | {F(e.Map75)} | {F(e.MapSmall)} | {F(e.MapMedium)} | {F(e.MapLarge)} | {F(e.Ar100)} | {e.DetectionCount} |"));
        }

        md.AppendLine().AppendLine("## AP@[.5:.95] per class").AppendLine();
        md.Append("| id | category | objects |");
        foreach (var o in outcomes)
        {
            md.Append(' ').Append(Label(o)).Append(" |");
        }

        md.AppendLine().Append("|---:|---|---:|").AppendLine(string.Concat(outcomes.Select(_ => "---:|")));
        var first = outcomes[0].Evaluation.PerClass;
        for (var c = 0; c < first.Count; c++)
        {
            md.Append(string.Create(O, $"| {first[c].CategoryId} | {first[c].Name} | {first[c].GroundTruthCount} |"));
            foreach (var o in outcomes)
            {
                md.Append(' ').Append(F(o.Evaluation.PerClass[c].Ap)).Append(" |");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    /// <summary>mAP@[.5:.95] and mAP@.5 by model and precision.</summary>
    public string Svg() => new SvgBarChart
    {
        Title = "edgewatch eval: COCO mAP by model and precision",
        ValueAxis = "mAP",
        Series = ["mAP@[.5:.95]", "mAP@.5", "mAP@.75"],
        Groups = [.. outcomes.Select(o => new BarGroup(Label(o), [o.Evaluation.Map, o.Evaluation.Map50, o.Evaluation.Map75]))],
        ValueFormat = "0.000",
    }.Render();

    /// <summary>Writes eval.md and eval.svg into <paramref name="directory"/>; returns their paths.</summary>
    public IReadOnlyList<string> WriteFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, "eval.md");
        var svg = Path.Combine(directory, "eval.svg");
        File.WriteAllText(markdown, Markdown() + "\n![mAP by model and precision](eval.svg)\n");
        File.WriteAllText(svg, Svg());
        return [markdown, svg];
    }

    private static void WriteOutcome(Utf8JsonWriter writer, EvaluationOutcome o)
    {
        var e = o.Evaluation;
        writer.WriteStartObject();
        writer.WriteString("model", o.Name);
        writer.WriteString("precision", o.Precision);
        writer.WriteString("device", o.Device);
        if (o.Threshold is { } threshold)
        {
            writer.WriteNumber("threshold", Math.Round(threshold, 6));
        }

        if (o.Nms is { } nms)
        {
            writer.WriteNumber("nms", Math.Round(nms, 6));
        }

        writer.WriteNumber("max_dets", e.MaxDetections[^1]);
        writer.WriteNumber("images", e.ImageCount);
        writer.WriteNumber("objects", e.GroundTruthCount);
        writer.WriteNumber("detections", e.DetectionCount);
        Figure("map", e.Map);
        Figure("map50", e.Map50);
        Figure("map75", e.Map75);
        Figure("map_small", e.MapSmall);
        Figure("map_medium", e.MapMedium);
        Figure("map_large", e.MapLarge);
        Figure("ar1", e.Ar1);
        Figure("ar10", e.Ar10);
        Figure("ar100", e.Ar100);
        Figure("ar_small", e.ArSmall);
        Figure("ar_medium", e.ArMedium);
        Figure("ar_large", e.ArLarge);
        writer.WriteStartArray("stats");
        foreach (var stat in e.Stats)
        {
            writer.WriteNumberValue(Math.Round(stat, 6));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("per_class");
        foreach (var c in e.PerClass)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", c.CategoryId);
            writer.WriteString("name", c.Name);
            Figure("ap", c.Ap);
            Figure("ap50", c.Ap50);
            writer.WriteNumber("objects", c.GroundTruthCount);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (o.ResultsPath is { } path)
        {
            writer.WriteString("results", path);
        }

        writer.WriteNumber("detect_seconds", Math.Round(o.Seconds, 3));
        writer.WriteEndObject();

        // -1, as pycocotools reports it, where there is no ground truth to score against.
        void Figure(string name, double value) => writer.WriteNumber(name, Math.Round(value, 6));
    }

    private static string Label(EvaluationOutcome o) => o.Precision is null ? o.Name : $"{o.Name} {o.Precision}";

    private static string F(double value) => value > -1 ? value.ToString("0.000", O) : "-";

    private static string Number(float? value) => value is { } v ? v.ToString("0.###", O) : "-";
}
