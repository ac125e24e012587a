namespace EdgeWatch.Worker.Tests.Support;

/// <summary>How a command-line run ended.</summary>
internal sealed record CliRun(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}
