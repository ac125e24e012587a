using EdgeWatch.Worker.Cli;

namespace EdgeWatch.Worker;

/// <summary>The <c>edgewatch</c> executable: the daemon (<c>run</c>) and the tools around it.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => EdgeWatchCommand.Create().Parse(args).InvokeAsync();
}
