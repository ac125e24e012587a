using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// The results of <c>edgewatch bench</c> in every form it writes: the terminal table, the seed projects' "devices x
/// requests" tables, JSON, and the report files (Markdown table and SVG chart).
/// </summary>
internal sealed class BenchReport(IReadOnlyList<BenchRow> rows, string heading, string command, double? schedulerAloneMicroseconds = null)
{
    private static readonly CultureInfo O = CultureInfo.InvariantCulture;

    public IReadOnlyList<BenchRow> Rows => rows;

    /// <summary>The plain-text table.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(heading);
        var modelWidth = Math.Max(5, rows.Max(r => r.Model.Length));
        var deviceWidth = Math.Max(6, rows.Max(r => r.Device.Length));
        text.AppendLine(string.Create(O,
            $"{"model".PadRight(modelWidth)}  {"prec",-4}  {"device".PadRight(deviceWidth)}  {"workers",7}  {"requests",8}  {"frames/s",9}  {"ideal",7}  {"% ideal",7}  {"p50 ms",7}  {"p95 ms",7}  {"p99 ms",7}  {"CPU %",6}  {"CPU ms/fr",9}  {"work ms/fr",10}  {"sched ms/fr",11}"));
        foreach (var row in rows)
        {
            var start = string.Create(O, $"{row.Model.PadRight(modelWidth)}  {row.Precision,-4}  {row.Device.PadRight(deviceWidth)}  {row.Workers,7}  ");
            if (row.Result is not { } r)
            {
                text.Append(start).Append(string.Create(O, $"{Requests(row),8}  skipped: {row.Skipped}")).AppendLine();
                continue;
            }

            text.Append(start).Append(string.Create(O,
                $"{r.Requests,8}  {r.FramesPerSecond,9:F1}  {Number(row.Ideal, "F1"),7}  {Percent(row.PercentOfIdeal),7}  {r.LatencyP50,7:F1}  {r.LatencyP95,7:F1}  {r.LatencyP99,7:F1}  {r.CpuPercent,6:F0}  {r.CpuPerFrame,9:F3}  {Number(row.FrameWorkCpuPerFrame, "F3"),10}  {Number(row.SchedulingCpuPerFrame, "F3"),11}"));
            text.AppendLine();
            foreach (var failure in r.Failures)
            {
                text.AppendLine(string.Create(O, $"    worker failed: {failure}"));
            }
        }

        if (rows.Any(r => r.SchedulingCpuPerFrame is not null))
        {
            text.AppendLine("work ms/fr: CPU of the same frame work (copy into a pooled frame, pre-processing, decoding; as many buffers) on one thread without the scheduler; sched ms/fr = CPU ms/fr - work ms/fr");
        }

        if (schedulerAloneMicroseconds is { } alone)
        {
            text.AppendLine(string.Create(O,
                $"the scheduler alone (offer, take, complete, publish in order; one thread, no wake-ups): {alone:F1} us CPU per frame; the rest of sched ms/fr is handing frames between threads"));
        }

        foreach (var matrix in Matrices())
        {
            text.AppendLine().Append(matrix.Text());
        }

        return text.ToString();
    }

    /// <summary>The Markdown report: the command, the table, and the seed-style tables.</summary>
    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# edgewatch bench").AppendLine();
        md.AppendLine(heading).AppendLine();
        md.AppendLine(string.Create(O, $"Command: `{command}`")).AppendLine();
        md.AppendLine("| model | precision | device | workers | requests | frames/s | ideal | % of ideal | p50 ms | p95 ms | p99 ms | CPU % | CPU ms/frame | frame work CPU ms/frame | scheduling CPU ms/frame |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            if (row.Result is not { } r)
            {
                md.AppendLine(string.Create(O, $"| {row.Model} | {row.Precision} | {row.Device} | {row.Workers} | {Requests(row)} | skipped: {row.Skipped} | | | | | | | | | |"));
                continue;
            }

            md.AppendLine(string.Create(O,
                $"| {row.Model} | {row.Precision} | {row.Device} | {row.Workers} | {r.Requests} | {r.FramesPerSecond:F1} | {Number(row.Ideal, "F1")} | {Percent(row.PercentOfIdeal)} | {r.LatencyP50:F1} | {r.LatencyP95:F1} | {r.LatencyP99:F1} | {r.CpuPercent:F0} | {r.CpuPerFrame:F3} | {Number(row.FrameWorkCpuPerFrame, "F3")} | {Number(row.SchedulingCpuPerFrame, "F3")} |"));
        }

        if (rows.Any(r => r.SchedulingCpuPerFrame is not null))
        {
            md.AppendLine().AppendLine(
                "Frame work CPU: the same copy into a pooled frame, pre-processing and decoding, with as many buffers and requests, on one thread without the scheduler. Scheduling CPU per frame = process CPU per frame minus frame work CPU.");
        }

        if (schedulerAloneMicroseconds is { } alone)
        {
            md.AppendLine().AppendLine(string.Create(O,
                $"The scheduler alone (offer, take, complete, publish in order; one thread, no wake-ups): {alone:F1} µs CPU per frame; the rest of the scheduling CPU is handing frames between threads."));
        }

        foreach (var matrix in Matrices())
        {
            md.AppendLine().Append(matrix.Markdown());
        }

        return md.ToString();
    }

    /// <summary>Frames/s by device (and worker count) and requests; dashed marks show the ideal of simulated devices.</summary>
    public string Svg()
    {
        var measured = rows.Where(r => r.Result is not null).ToList();
        var requests = measured.Select(r => r.Result!.Requests).Distinct().Order().ToList();
        var manyModels = measured.Select(r => r.Model).Distinct().Count() > 1;
        var groups = measured
            .GroupBy(r => (r.Model, r.Precision, r.Device, r.Workers))
            .Select(g =>
            {
                var label = string.Create(O, $"{(manyModels ? $"{g.Key.Model} {g.Key.Precision} " : "")}{g.Key.Device} x{g.Key.Workers}");
                var values = requests.Select(k => g.FirstOrDefault(r => r.Result!.Requests == k)?.Result?.FramesPerSecond).ToList();
                var ideals = requests.Select(k => g.FirstOrDefault(r => r.Result!.Requests == k)?.Ideal).ToList();
                return new BarGroup(label, values, ideals.Any(i => i is not null) ? ideals : null);
            })
            .ToList();
        var chart = new SvgBarChart
        {
            Title = "edgewatch bench: frames/s by device and requests in flight",
            ValueAxis = "frames/s",
            Series = [.. requests.Select(k => k == 1 ? "1 request" : string.Create(O, $"{k} requests"))],
            Groups = groups,
            ReferenceName = "ideal",
        };
        return chart.Render();
    }

    /// <summary>One JSON object: the heading, the command, and every row.</summary>
    public void WriteJson(Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("heading", heading);
        writer.WriteString("command", command);
        if (schedulerAloneMicroseconds is { } alone)
        {
            writer.WriteNumber("scheduler_alone_us_per_frame", Math.Round(alone, 3));
        }

        writer.WriteStartArray("rows");
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("model", row.Model);
            writer.WriteString("precision", row.Precision);
            writer.WriteString("device", row.Device);
            writer.WriteString("kind", row.Kind.ToString().ToLowerInvariant());
            writer.WriteNumber("workers", row.Workers);
            if (row.DeviceNames.Count > 0)
            {
                writer.WriteStartArray("device_names");
                foreach (var name in row.DeviceNames)
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
            }

            writer.WriteNumber("requests", row.Result?.Requests ?? row.Requests);
            if (row.Threads > 0)
            {
                writer.WriteNumber("threads", row.Threads);
            }

            if (row.Ideal is { } ideal)
            {
                writer.WriteNumber("ideal_fps", Math.Round(ideal, 3));
            }

            if (row.Result is { } r)
            {
                writer.WriteNumber("frames", r.Frames);
                writer.WriteNumber("seconds", Math.Round(r.Seconds, 3));
                Figure(writer, "fps", r.FramesPerSecond, 3);
                if (row.PercentOfIdeal is { } percent)
                {
                    Figure(writer, "percent_of_ideal", percent, 2);
                }

                writer.WriteStartObject("latency_ms");
                Figure(writer, "p50", r.LatencyP50, 3);
                Figure(writer, "p95", r.LatencyP95, 3);
                Figure(writer, "p99", r.LatencyP99, 3);
                writer.WriteEndObject();
                Figure(writer, "cpu_percent", r.CpuPercent, 1);
                Figure(writer, "cpu_ms_per_frame", r.CpuPerFrame, 4);
                if (row.FrameWorkCpuPerFrame is { } work)
                {
                    Figure(writer, "frame_work_cpu_ms_per_frame", work, 4);
                }

                if (row.SchedulingCpuPerFrame is { } scheduling)
                {
                    Figure(writer, "scheduling_cpu_ms_per_frame", scheduling, 4);
                }

                writer.WriteNumber("dropped", r.Dropped);
                writer.WriteStartArray("failures");
                foreach (var failure in r.Failures)
                {
                    writer.WriteStringValue(failure);
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("skipped", row.Skipped);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // A row that completed no frame has no latency: null, not NaN (which JSON cannot hold).
    private static void Figure(Utf8JsonWriter writer, string name, double value, int decimals)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, Math.Round(value, decimals));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes bench.md and bench.svg into <paramref name="directory"/>; returns their paths.</summary>
    public IReadOnlyList<string> WriteFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, "bench.md");
        var svg = Path.Combine(directory, "bench.svg");
        File.WriteAllText(markdown, Markdown() + "\n![frames/s by device and requests](bench.svg)\n");
        File.WriteAllText(svg, Svg());
        return [markdown, svg];
    }

    // The seed projects' table: one per model and multi-device --device, workers down, requests across.
    private IEnumerable<DeviceMatrix> Matrices() => rows
        .Where(r => r.Kind is DeviceKind.Simulated or DeviceKind.AllSticks && r.Result is not null)
        .GroupBy(r => (r.Model, r.Precision, r.Device))
        .Where(g => g.Select(r => r.Workers).Distinct().Count() > 1 || g.Select(r => r.Result!.Requests).Distinct().Count() > 1)
        .Select(g => new DeviceMatrix($"{g.Key.Model} ({g.Key.Precision}) on {g.Key.Device}", [.. g]));

    private static string Requests(BenchRow row) => row.Requests > 0 ? row.Requests.ToString(O) : "auto";

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, O) : "-";

    private static string Percent(double? value) => value is { } v ? v.ToString("F1", O) + "%" : "-";
}
