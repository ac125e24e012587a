using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests;

/// <summary>
/// Entry point of the test assembly when a test runs it as a child process (<c>dotnet exec EdgeWatch.Worker.Tests.dll</c>);
/// the test runner itself never calls it.
/// </summary>
internal static class TestProgram
{
    public static int Main(string[] args) => args switch
    {
        [WillProbe.Command, .. var rest] => WillProbe.Run(rest),
        _ => 0,
    };
}
