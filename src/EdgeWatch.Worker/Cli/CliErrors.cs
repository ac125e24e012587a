using EdgeWatch.Pipeline.Evaluation;
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
        or UnauthorizedAccessException or NotSupportedException or IOException or EvaluationDataException or UsageException;

    /// <summary>Exit code for a bug (sysexits.h EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    public static void Report(Exception error) => Console.Error.WriteLine($"edgewatch: error: {error.Message}");

    /// <summary>Prints every configuration problem on its own line, key first; returns <see cref="BadConfiguration"/>.</summary>
    public static int ReportConfiguration(Configuration.ConfigurationException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var problem in error.Problems)
        {
            Console.Error.WriteLine($"edgewatch: configuration: {problem}");
        }

        return BadConfiguration;
    }

    /// <summary>
    /// Runs a command so that nothing escapes as a stack trace: expected failures print one line and exit 1, anything
    /// else prints one line naming the exception (the full trace only with EDGEWATCH_DEBUG=1) and exits 70.
    /// </summary>
    public static async Task<int> GuardAsync(Func<Task<int>> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("edgewatch: interrupted");
            return 130;
        }
        catch (Exception e) when (IsUserFacing(e))
        {
            Report(e);
            return Failed;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"edgewatch: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("EDGEWATCH_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return InternalError;
        }
    }
}
