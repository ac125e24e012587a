namespace EdgeWatch.Worker.Tests.Support;

/// <summary>Paths of the checkout the tests run from: the real edgewatch build, the sample video.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The edgewatch.dll built alongside these tests (same configuration).</summary>
    public static string EdgeWatchDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(Root, "src", "EdgeWatch.Worker", "bin", configuration, "net10.0", "edgewatch.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"edgewatch is not built: {path}");
        }
    }

    /// <summary>The sample video: a room people walk into one at a time (10 fps, 1394 frames).</summary>
    public static string SampleVideo => SharedData.Path("testdata", "video", "one-by-one-person-detection.mp4");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("EdgeWatch.sln not found above the test assembly");
    }
}
