using System.Globalization;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>CPU time used by a process (user + system), from /proc/PID/stat; 0 for a process that is gone.</summary>
internal static class CpuTime
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    public static TimeSpan OfProcess(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }

    public static TimeSpan OfThisProcess() => OfProcess(Environment.ProcessId);
}
