using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.Libc;

/// <summary>
/// Enlarges a pipe's kernel buffer (<c>fcntl(F_SETPIPE_SZ)</c>). ffmpeg writes a raw frame of about a megabyte; through
/// the default 64 KiB pipe that takes sixteen round trips between ffmpeg and the reader, each needing a core that the
/// inference threads are using. With room for a whole frame, ffmpeg writes it in one go and the reader copies it in one.
/// </summary>
internal static partial class PipeCapacity
{
    private const int SetPipeSize = 1031; // F_SETPIPE_SZ (Linux)

    /// <summary>Asks for at least <paramref name="bytes"/>; returns the size granted, or -1 (unprivileged limits apply).</summary>
    public static int TryEnlarge(Stream pipe, int bytes)
    {
        SafeHandle? handle = pipe switch
        {
            PipeStream p => p.SafePipeHandle,
            FileStream f => f.SafeFileHandle,
            _ => null,
        };
        if (handle is null || handle.IsInvalid)
        {
            return -1;
        }

        // Unprivileged processes may not exceed /proc/sys/fs/pipe-max-size (1 MiB by default): fall back step by step.
        for (var size = bytes; size >= 65536; size /= 2)
        {
            var granted = Fcntl((int)handle.DangerousGetHandle(), SetPipeSize, size);
            if (granted > 0)
            {
                return granted;
            }
        }

        return -1;
    }

    // int fcntl(int fd, int cmd, ... /* int arg */);
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
