using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Interop.OnnxRuntime;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Worker.Cli;

/// <summary>How the tools report failures: one line on stderr saying what and where, never a stack trace.</summary>
internal static class CliErrors
{
    /// <summary>Exit code for a failure of the input (a file, a model).</summary>
    public const int Failed = 1;

    /// <summary>Exit code for a bad configuration (sysexits.h EX_CONFIG), which systemd shows as such.</summary>
    public const int BadConfiguration = 78;

    /// <summary>Whether <paramref name="error"/> is an expected, user-facing failure (reported in one line).</summary>
    public static bool IsUserFacing(Exception error) => error is ManifestException or ModelLoadException or ImageDecodeException
        or OnnxRuntimeException or DllNotFoundException or FileNotFoundException or DirectoryNotFoundException
        or UnauthorizedAccessException or NotSupportedException or IOException;

    public static void Report(Exception error) => Console.Error.WriteLine($"edgewatch: error: {error.Message}");
}
