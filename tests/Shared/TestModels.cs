using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Testing;

/// <summary>
/// The checkout's real models, with their files put in place from ../shared/models exactly as scripts/fetch-models does
/// (so `dotnet test` works on a fresh clone too), and the shared test images.
/// </summary>
internal static class TestModels
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<string> Fetched = [];

    public static ModelCatalog Catalog => ModelCatalog.Default();

    /// <summary>Opens a model of the checkout's catalog, fetching its files from the shared mirror first if needed.</summary>
    public static async Task<ModelDefinition> OpenAsync(string name)
    {
        var manifest = Catalog.Find(name);
        await Gate.WaitAsync();
        try
        {
            if (Fetched.Add(name))
            {
                using var http = new HttpClient();
                await new ModelFetcher(http, SharedData.Path("models")).FetchAsync(manifest);
            }
        }
        finally
        {
            Gate.Release();
        }

        return ModelDefinition.Open(manifest);
    }

    /// <summary>A shared test image, decoded.</summary>
    public static Task<BgrImage> ImageAsync(string fileName) => ImageFileDecoder.DecodeAsync(SharedData.Path("testdata", "images", fileName));
}
