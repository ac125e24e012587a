using System.Globalization;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>The kernel's process table (/proc), for tests that check a daemon leaves no child behind.</summary>
internal static class ProcessTable
{
    /// <summary>Direct children of a process: (pid, command name).</summary>
    public static IEnumerable<(int Pid, string Name)> Children(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            if (ReadStat(pid) is { } stat && stat.ParentPid == parent)
            {
                yield return (pid, stat.Name);
            }
        }
    }

    /// <summary>Whether the process exists and is not a zombie waiting to be reaped (a zombie runs nothing).</summary>
    public static bool IsRunning(int pid) => ReadStat(pid) is { } stat && stat.State != 'Z';

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
