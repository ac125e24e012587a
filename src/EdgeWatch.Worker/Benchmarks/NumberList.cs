using System.Globalization;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>Lists of counts on the command line: "4", "1,2,3,4", "1-8", "1-4,8".</summary>
internal static class NumberList
{
    /// <summary>The numbers, in the order given without repeats; null with a reason when the text is not such a list.</summary>
    public static IReadOnlyList<int>? TryParse(string text, int minimum, int maximum, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var numbers = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && Parse(part[..dash]) is { } from && Parse(part[(dash + 1)..]) is { } to && from <= to)
            {
                numbers.AddRange(Enumerable.Range(from, to - from + 1));
            }
            else if (dash < 0 && Parse(part) is { } single)
            {
                numbers.Add(single);
            }
            else
            {
                problem = $"'{text}' is not a list of whole numbers such as 1,2,3,4 or 1-8";
                return null;
            }
        }

        foreach (var n in numbers)
        {
            if (n < minimum || n > maximum)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"{n} is out of range ({minimum}..{maximum})");
                return null;
            }
        }

        problem = null;
        return [.. numbers.Distinct()];

        static int? Parse(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
