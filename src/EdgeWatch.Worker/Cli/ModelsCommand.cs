using System.CommandLine;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Worker.Cli;

/// <summary><c>edgewatch models list|fetch</c>: the models a manifest describes, and getting their files.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the model manifests and whether their files are present");
        list.SetAction((_, _) => CliErrors.GuardAsync(() => Task.FromResult(List())));

        var names = new Argument<string[]>("NAME") { Description = "Models to fetch (default: every manifest)", Arity = ArgumentArity.ZeroOrMore };
        var mirror = new Option<string?>("--mirror") { Description = $"Folder to copy model files from (default: ${ModelFetcher.MirrorVariable})" };
        var fetch = new Command("fetch", "Fetch model files (mirror first when set, else upstream URLs), checking every sha256") { names, mirror };
        fetch.SetAction((result, cancellation) => CliErrors.GuardAsync(() => FetchAsync(result.GetValue(names) ?? [], result.GetValue(mirror), cancellation)));

        return new Command("models", "Model manifests and their files") { list, fetch };
    }

    private static int List()
    {
        var catalog = ModelCatalog.Default();
        Console.WriteLine($"Models in {catalog.Directory}:");
        foreach (var name in catalog.Names())
        {
            try
            {
                var manifest = catalog.Find(name);
                var present = manifest.Files.All(f => File.Exists(manifest.Resolve(f.Path)));
                Console.WriteLine($"  {name,-24} {manifest.Precision,-5} {(present ? "ready" : "not fetched"),-12} {manifest.Title}");
            }
            catch (ManifestException e)
            {
                Console.WriteLine($"  {name,-24} invalid: {e.Message}");
            }
        }

        return 0;
    }

    private static async Task<int> FetchAsync(string[] names, string? mirror, CancellationToken cancellation)
    {
        var catalog = ModelCatalog.Default();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("EdgeWatch-model-fetch/1.0");
        var fetcher = new ModelFetcher(http, mirror ?? Environment.GetEnvironmentVariable(ModelFetcher.MirrorVariable));
        var bar = new ProgressLine();
        fetcher.Progress += (file, done, total) => bar.Show(file, done, total);
        var failures = 0;
        foreach (var name in names.Length > 0 ? names : catalog.Names())
        {
            try
            {
                var manifest = catalog.Find(name);
                foreach (var file in await fetcher.FetchAsync(manifest, cancellation).ConfigureAwait(false))
                {
                    bar.Clear();
                    var how = file.Source switch
                    {
                        FetchSource.AlreadyPresent => "up to date",
                        FetchSource.Mirror => "copied from mirror",
                        _ => "downloaded",
                    };
                    var recorded = file.RecordedHash ? " (no sha256 in the manifest: recorded for next time)" : string.Empty;
                    Console.Error.WriteLine($"    {file.Path}: {how}, sha256 {file.Sha256[..12]}…{recorded}");
                }
            }
            catch (Exception e) when (e is ManifestException or ModelFetchException or IOException or UnauthorizedAccessException)
            {
                bar.Clear();
                CliErrors.Report(e);
                failures++;
            }
        }

        return failures == 0 ? 0 : CliErrors.Failed;
    }
}
