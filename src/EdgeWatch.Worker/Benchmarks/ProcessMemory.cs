using System.Globalization;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>This process's resident memory, from /proc/self/status.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM), megabytes.</summary>
    public static double PeakResidentMegabytes => Read("VmHWM:");

    /// <summary>Current resident set size (VmRSS), megabytes.</summary>
    public static double ResidentMegabytes => Read("VmRSS:");

    private static double Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kilobytes = line[field.Length..].Trim().Split(' ')[0];
                return double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }
}
