using System.CommandLine;
using EdgeWatch.Worker.Cli;

namespace EdgeWatch.Worker;

/// <summary>The <c>edgewatch</c> executable: the daemon (<c>run</c>) and the tools around it.</summary>
internal static class Program
{
    // Signals are the host's business (it stops the pipeline gracefully): the command line must not race it to exit.
    private static Task<int> Main(string[] args) =>
        EdgeWatchCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
