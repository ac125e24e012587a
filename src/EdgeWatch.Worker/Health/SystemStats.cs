using System.Diagnostics;
using System.Globalization;

namespace EdgeWatch.Worker.Health;

/// <summary>
/// The machine's figures from procfs and sysfs: CPU use since the last reading (system and this process), load, the CPU
/// temperature (a Raspberry Pi's <c>cpu-thermal</c> zone, or the first zone there is) and resident memory.
/// </summary>
public sealed class SystemStats(string sysfsRoot = "/sys")
{
    private (long Busy, long Total)? _lastSystem;
    private (TimeSpan Cpu, long At)? _lastProcess;

    public SystemHealth Read()
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var now = Stopwatch.GetTimestamp();
        double? processPercent = null;
        if (_lastProcess is { } last)
        {
            var wall = Stopwatch.GetElapsedTime(last.At, now).TotalSeconds;
            processPercent = wall > 0 ? Math.Round((cpu - last.Cpu).TotalSeconds / wall * 100, 1) : null;
        }

        _lastProcess = (cpu, now);
        return new SystemHealth(
            Environment.ProcessorCount,
            SystemCpuPercent(),
            processPercent,
            CpuTemperature(),
            LoadAverage(),
            Math.Round(process.WorkingSet64 / 1048576.0, 1));
    }

    /// <summary>Whole-machine CPU use since the previous call, percent of all cores; null on the first call.</summary>
    private double? SystemCpuPercent()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0); // idle + iowait
            var total = fields.Sum();
            var busy = total - idle;
            double? percent = null;
            if (_lastSystem is { } last && total > last.Total)
            {
                percent = Math.Round((busy - last.Busy) * 100.0 / (total - last.Total), 1);
            }

            _lastSystem = (busy, total);
            return percent;
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private double? CpuTemperature()
    {
        var zones = Path.Combine(sysfsRoot, "class", "thermal");
        if (!Directory.Exists(zones))
        {
            return null;
        }

        string? chosen = null;
        foreach (var zone in Directory.EnumerateDirectories(zones, "thermal_zone*").Order(StringComparer.Ordinal))
        {
            var type = TryRead(Path.Combine(zone, "type"));
            chosen ??= zone;
            if (type is "cpu-thermal" or "x86_pkg_temp" or "soc-thermal" or "cpu_thermal")
            {
                chosen = zone;
                break;
            }
        }

        return chosen is not null && double.TryParse(TryRead(Path.Combine(chosen, "temp")), CultureInfo.InvariantCulture, out var milli)
            ? Math.Round(milli / 1000.0, 1)
            : null;
    }

    private static double[] LoadAverage()
    {
        var text = TryRead("/proc/loadavg");
        return text is null ? [] : [.. text.Split(' ').Take(3).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
