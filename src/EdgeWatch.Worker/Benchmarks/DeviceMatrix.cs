using System.Globalization;
using System.Text;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// The seed projects' table for one model and device kind: devices down, requests per device across, frames/s in each
/// cell with the share of the ideal where there is one (simulated devices).
/// </summary>
internal sealed class DeviceMatrix(string title, IReadOnlyList<BenchRow> rows)
{
    private static readonly CultureInfo O = CultureInfo.InvariantCulture;
    private readonly List<int> _devices = [.. rows.Select(r => r.Workers).Distinct().Order()];
    private readonly List<int> _requests = [.. rows.Select(r => r.Result!.Requests).Distinct().Order()];

    public string Text()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(O, $"{title}: frames/s by devices x requests per device{(HasIdeal ? " (% of ideal N x K / latency)" : "")}"));
        text.Append(string.Create(O, $"{"devices",8}"));
        foreach (var k in _requests)
        {
            text.Append(string.Create(O, $"  {(k == 1 ? "1 request" : $"{k} requests"),18}"));
        }

        text.AppendLine();
        foreach (var n in _devices)
        {
            text.Append(string.Create(O, $"{n,8}"));
            foreach (var k in _requests)
            {
                text.Append(string.Create(O, $"  {Cell(n, k),18}"));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(string.Create(O, $"### {title}: frames/s by devices x requests per device{(HasIdeal ? " (% of ideal)" : "")}")).AppendLine();
        md.Append("| devices |");
        foreach (var k in _requests)
        {
            md.Append(string.Create(O, $" {(k == 1 ? "1 request" : $"{k} requests")} |"));
        }

        md.AppendLine().Append("|---:|").AppendLine(string.Concat(_requests.Select(_ => "---:|")));
        foreach (var n in _devices)
        {
            md.Append(string.Create(O, $"| {n} |"));
            foreach (var k in _requests)
            {
                md.Append(' ').Append(Cell(n, k)).Append(" |");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private bool HasIdeal => rows.Any(r => r.Ideal is not null);

    private string Cell(int devices, int requests)
    {
        var row = rows.FirstOrDefault(r => r.Workers == devices && r.Result!.Requests == requests);
        if (row?.Result is not { } result)
        {
            return "-";
        }

        return row.PercentOfIdeal is { } percent
            ? string.Create(O, $"{result.FramesPerSecond:F1} ({percent:F1}%)")
            : string.Create(O, $"{result.FramesPerSecond:F1}");
    }
}
