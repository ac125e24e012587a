namespace EdgeWatch.Worker.Benchmarks;

/// <summary>One group of bars in a <see cref="SvgBarChart"/>: a value per series (null = not measured).</summary>
/// <param name="Label">Shown under the group.</param>
/// <param name="Values">One value per series of the chart.</param>
/// <param name="References">Optional per-series reference values (e.g. the ideal), drawn as a dashed mark over the bar.</param>
internal sealed record BarGroup(string Label, IReadOnlyList<double?> Values, IReadOnlyList<double?>? References = null);
