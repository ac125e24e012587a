using System.Globalization;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>The kernel's process table (/proc), for tests that check a daemon leaves no child behind.</summary>
internal static class ProcessTable
{
    /// <summary>Direct children of a process: (pid, command name).</summary>
    public static IEnumerable<(int Pid, string Name)> Children(int parent) =>
        All().Where(p => p.Stat.ParentPid == parent).Select(p => (p.Pid, p.Stat.Name));

    /// <summary>Processes stopped by a signal (state T): a benchmark that pauses ffmpeg must never leave one so.</summary>
    public static IEnumerable<(int Pid, string Name)> Stopped() =>
        All().Where(p => p.Stat.State == 'T').Select(p => (p.Pid, p.Stat.Name));

    /// <summary>The niceness of each thread of a process (nice is per thread on Linux), from /proc/PID/task/*/stat.</summary>
    public static IReadOnlyList<int> ThreadNiceness(int pid) =>
    [
        .. Directory.EnumerateDirectories($"/proc/{pid}/task")
            .Select(thread => File.ReadAllText(Path.Combine(thread, "stat")))
            .Select(stat => int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], CultureInfo.InvariantCulture)),
    ];

    /// <summary>The command line of a process, arguments separated by spaces; empty if it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>The command name of a process, or null if it is gone.</summary>
    public static string? Name(int pid) => ReadStat(pid)?.Name;

    /// <summary>Whether the process exists and is not a zombie waiting to be reaped (a zombie runs nothing).</summary>
    public static bool IsRunning(int pid) => ReadStat(pid) is { } stat && stat.State != 'Z';

    private static IEnumerable<(int Pid, (string Name, char State, int ParentPid) Stat)> All()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ReadStat(pid) is { } stat)
            {
                yield return (pid, stat);
            }
        }
    }

    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read around the last ')'.
    private static (string Name, char State, int ParentPid)? ReadStat(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone while we looked
        }

        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return (stat[(stat.IndexOf('(') + 1)..close], fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
