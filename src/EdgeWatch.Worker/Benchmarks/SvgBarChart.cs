using System.Globalization;
using System.Security;
using System.Text;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// A grouped bar chart as a self-contained SVG file (no fonts or scripts to fetch): what the bench and eval reports draw
/// — frames/s by device and requests, mAP by model and precision.
/// </summary>
internal sealed class SvgBarChart
{
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"];

    public required string Title { get; init; }

    /// <summary>What the values are (the y axis).</summary>
    public required string ValueAxis { get; init; }

    /// <summary>Names of the series (one bar per series in each group), shown in the legend.</summary>
    public required IReadOnlyList<string> Series { get; init; }

    public required IReadOnlyList<BarGroup> Groups { get; init; }

    /// <summary>How bar values are printed above the bars.</summary>
    public string ValueFormat { get; init; } = "0.0";

    /// <summary>What the dashed reference marks mean, for the legend (when any group has references).</summary>
    public string? ReferenceName { get; init; }

    public string Render()
    {
        const int Left = 70, Right = 20, Top = 56, Bottom = 76, PlotHeight = 300, Bar = 22, GroupGap = 26;
        var groupWidth = (Series.Count * Bar) + GroupGap;
        var plotWidth = Math.Max(480, Groups.Count * groupWidth);
        var width = Left + plotWidth + Right;
        var height = Top + PlotHeight + Bottom;
        var top = Groups.SelectMany(g => g.Values.Concat(g.References ?? [])).Where(v => v is > 0).Select(v => v!.Value).DefaultIfEmpty(1).Max();
        var step = NiceStep(top / 5);
        var axisMax = Math.Ceiling(top / step) * step;
        double Y(double value) => Top + PlotHeight - (value / axisMax * PlotHeight);

        var svg = new StringBuilder();
        var o = CultureInfo.InvariantCulture;
        svg.Append(o, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">""").Append('\n');
        svg.Append(o, $"""<rect width="{width}" height="{height}" fill="white"/>""").Append('\n');
        svg.Append(o, $"""<text x="{width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">{Escape(Title)}</text>""").Append('\n');

        // Grid and value axis.
        for (var v = 0.0; v <= axisMax + (step / 2); v += step)
        {
            var y = Y(v);
            svg.Append(o, $"""<line x1="{Left}" y1="{y:0.#}" x2="{Left + plotWidth}" y2="{y:0.#}" stroke="#dddddd"/>""");
            svg.Append(o, $"""<text x="{Left - 6}" y="{y + 4:0.#}" text-anchor="end" fill="#444444">{v.ToString(step < 1 ? "0.00" : "0", o)}</text>""").Append('\n');
        }

        svg.Append(o, $"""<text transform="translate(16,{Top + (PlotHeight / 2)}) rotate(-90)" text-anchor="middle" fill="#222222">{Escape(ValueAxis)}</text>""").Append('\n');
        svg.Append(o, $"""<line x1="{Left}" y1="{Top + PlotHeight}" x2="{Left + plotWidth}" y2="{Top + PlotHeight}" stroke="#333333"/>""").Append('\n');

        // Bars, their values, reference marks and group labels.
        var offset = (plotWidth - (Groups.Count * groupWidth)) / 2.0;
        for (var g = 0; g < Groups.Count; g++)
        {
            var group = Groups[g];
            var x0 = Left + offset + (g * groupWidth) + (GroupGap / 2.0);
            for (var s = 0; s < Series.Count; s++)
            {
                var x = x0 + (s * Bar);
                var reference = group.References is { } marks && s < marks.Count ? marks[s] : null;
                if (s < group.Values.Count && group.Values[s] is { } value)
                {
                    var y = Y(Math.Max(0, value));
                    var labelY = Math.Min(y, reference is { } r ? Y(r) : y); // above the reference mark, not through it
                    svg.Append(o, $"""<rect x="{x + 1:0.#}" y="{y:0.#}" width="{Bar - 2}" height="{Top + PlotHeight - y:0.#}" fill="{Palette[s % Palette.Length]}"><title>{Escape(group.Label)}, {Escape(Series[s])}: {value.ToString(ValueFormat, o)}</title></rect>""");
                    svg.Append(o, $"""<text x="{x + (Bar / 2.0):0.#}" y="{labelY - 4:0.#}" text-anchor="middle" font-size="9" fill="#222222">{value.ToString(ValueFormat, o)}</text>""").Append('\n');
                }

                if (reference is { } ideal)
                {
                    var y = Y(ideal);
                    svg.Append(o, $"""<line x1="{x:0.#}" y1="{y:0.#}" x2="{x + Bar:0.#}" y2="{y:0.#}" stroke="#222222" stroke-width="1.5" stroke-dasharray="3,2"/>""").Append('\n');
                }
            }

            var centre = x0 + (Series.Count * Bar / 2.0);
            svg.Append(o, $"""<text transform="translate({centre:0.#},{Top + PlotHeight + 14}) rotate(-25)" text-anchor="end" fill="#222222">{Escape(group.Label)}</text>""").Append('\n');
        }

        // Legend, one line under the title, left to right.
        var legendX = (double)Left;
        var legendY = Top - 26;
        for (var s = 0; s < Series.Count; s++)
        {
            svg.Append(o, $"""<rect x="{legendX:0.#}" y="{legendY}" width="12" height="12" fill="{Palette[s % Palette.Length]}"/><text x="{legendX + 16:0.#}" y="{legendY + 10}">{Escape(Series[s])}</text>""").Append('\n');
            legendX += 30 + (Series[s].Length * 7);
        }

        if (ReferenceName is not null && Groups.Any(g => g.References is not null))
        {
            svg.Append(o, $"""<line x1="{legendX:0.#}" y1="{legendY + 6}" x2="{legendX + 12:0.#}" y2="{legendY + 6}" stroke="#222222" stroke-width="1.5" stroke-dasharray="3,2"/><text x="{legendX + 16:0.#}" y="{legendY + 10}">{Escape(ReferenceName)}</text>""").Append('\n');
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
