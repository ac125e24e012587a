using System.ComponentModel;
using System.Runtime.InteropServices;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// Stops and continues a process with SIGSTOP / SIGCONT. <c>bench-pipeline</c> pauses the camera's ffmpeg this way:
/// the daemon itself stays untouched, it simply receives no frames, so the bare loop can take its turn in between.
/// </summary>
internal static partial class ProcessPause
{
    // The same numbers on every Linux architecture EdgeWatch ships for (x86-64, arm64).
    private const int SigStop = 19;
    private const int SigCont = 18;

    public static void Stop(int pid) => Signal(pid, SigStop);

    public static void Continue(int pid) => Signal(pid, SigCont);

    private static void Signal(int pid, int signal)
    {
        if (pid <= 0 || kill(pid, signal) != 0)
        {
            throw new Win32Exception(pid <= 0 ? 3 : Marshal.GetLastPInvokeError(), $"cannot signal process {pid}");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
