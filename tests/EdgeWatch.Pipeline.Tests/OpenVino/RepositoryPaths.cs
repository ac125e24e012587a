namespace EdgeWatch.Pipeline.Tests.OpenVino;

/// <summary>Where the repository and the shared test data are, found from the test assembly's directory.</summary>
internal static class RepositoryPaths
{
    /// <summary>The directory holding EdgeWatch.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared models and test data: <c>$EDGEWATCH_SHARED</c>, else ../shared next to the repository.</summary>
    public static string Shared
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("EDGEWATCH_SHARED");
            return string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : configured;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EdgeWatch.sln above {AppContext.BaseDirectory}");
    }
}
