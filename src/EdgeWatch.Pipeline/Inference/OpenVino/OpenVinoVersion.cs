using System.Globalization;

namespace EdgeWatch.Pipeline.Inference.OpenVino;

/// <summary>
/// An OpenVINO release number, read from the runtime's build number ("2022.3.0-9052-9752fafe8eb-releases/2022/3").
/// </summary>
public sealed record OpenVinoVersion(int Major, int Minor, int Patch) : IComparable<OpenVinoVersion>
{
    /// <summary>The full build number the runtime reported.</summary>
    public string BuildNumber { get; init; } = string.Empty;

    /// <summary>The runtime's own description ("OpenVINO Runtime").</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Whether this release can drive an NCS2: the MYRIAD plugin ended with 2022.3 and was removed in 2023.0.</summary>
    public bool HasMyriadPlugin => Major == 2022;

    /// <summary>Reads the leading "YEAR.MINOR.PATCH" of a build number; null when it has none.</summary>
    public static OpenVinoVersion? Parse(string? buildNumber)
    {
        if (string.IsNullOrWhiteSpace(buildNumber))
        {
            return null;
        }

        var end = 0;
        while (end < buildNumber.Length && (char.IsAsciiDigit(buildNumber[end]) || buildNumber[end] == '.'))
        {
            end++;
        }

        var parts = buildNumber[..end].Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return null;
        }

        var numbers = new int[3];
        for (var i = 0; i < Math.Min(3, parts.Length); i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return new OpenVinoVersion(numbers[0], numbers[1], numbers[2]) { BuildNumber = buildNumber };
    }

    private static int Compare(OpenVinoVersion? left, OpenVinoVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    public int CompareTo(OpenVinoVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var major = Major.CompareTo(other.Major);
        if (major != 0)
        {
            return major;
        }

        var minor = Minor.CompareTo(other.Minor);
        return minor != 0 ? minor : Patch.CompareTo(other.Patch);
    }

    public static bool operator <(OpenVinoVersion? left, OpenVinoVersion? right) => Compare(left, right) < 0;

    public static bool operator <=(OpenVinoVersion? left, OpenVinoVersion? right) => Compare(left, right) <= 0;

    public static bool operator >(OpenVinoVersion? left, OpenVinoVersion? right) => Compare(left, right) > 0;

    public static bool operator >=(OpenVinoVersion? left, OpenVinoVersion? right) => Compare(left, right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
