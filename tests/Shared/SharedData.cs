namespace EdgeWatch.Testing;

/// <summary>
/// Finds the shared test data (models, images, reference results) that is never committed: the folder named by
/// EDGEWATCH_SHARED, else ../shared beside the repository root (the directory holding EdgeWatch.sln). A git
/// worktree nested deeper (e.g. /work/wt/NAME) has no such sibling, so the search then goes on upwards for the
/// nearest ancestor with a "shared" folder.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> LazyRoot = new(Locate);

    /// <summary>The shared data folder.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A path inside the shared data folder, e.g. <c>SharedData.Path("testdata", "coco64")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("EDGEWATCH_SHARED") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured)
                ? System.IO.Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"EDGEWATCH_SHARED names '{configured}', which is not a folder.");
        }

        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(System.IO.Path.Combine(repository.FullName, "EdgeWatch.sln")))
        {
            repository = repository.Parent;
        }

        for (var candidate = repository?.Parent; candidate is not null; candidate = candidate.Parent)
        {
            var shared = System.IO.Path.Combine(candidate.FullName, "shared");
            if (Directory.Exists(shared))
            {
                return shared;
            }
        }

        throw new DirectoryNotFoundException(
            $"No shared test data found: no EdgeWatch.sln above {AppContext.BaseDirectory} with a ../shared folder. Set EDGEWATCH_SHARED.");
    }
}
