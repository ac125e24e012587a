namespace EdgeWatch.Pipeline.Models;

/// <summary>
/// Finds model manifests: <c>--model NAME</c> means <c>NAME.json</c> in the model directory; anything ending in .json or
/// containing a slash is a manifest path.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>Environment variable that names the model directory.</summary>
    public const string DirectoryVariable = "EDGEWATCH_MODEL_DIR";

    /// <summary>Where the .deb installs manifests and models.</summary>
    public const string InstalledDirectory = "/usr/share/edgewatch/models";

    public ModelCatalog(string directory)
    {
        Directory = directory;
    }

    /// <summary>The directory holding <c>NAME.json</c> manifests (and, below it, the fetched model files).</summary>
    public string Directory { get; }

    /// <summary>
    /// The catalog a command uses when not told otherwise: <c>$EDGEWATCH_MODEL_DIR</c>, else the checkout's <c>models/</c>
    /// (found by walking up from the program to <c>EdgeWatch.sln</c>), else the installed directory.
    /// </summary>
    public static ModelCatalog Default()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new ModelCatalog(configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeWatch.sln")))
            {
                return new ModelCatalog(Path.Combine(dir.FullName, "models"));
            }
        }

        return new ModelCatalog(InstalledDirectory);
    }

    /// <summary>Names of the manifests in the directory.</summary>
    public IReadOnlyList<string> Names() => System.IO.Directory.Exists(Directory)
        ? [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
        : [];

    /// <summary>The manifest for a name or a path.</summary>
    /// <exception cref="ManifestException">Not found, or not a valid manifest.</exception>
    public ModelManifest Find(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        var isPath = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains('/', StringComparison.Ordinal);
        var path = isPath ? nameOrPath : Path.Combine(Directory, nameOrPath + ".json");
        if (!File.Exists(path))
        {
            var known = Names();
            var hint = isPath ? string.Empty : known.Count > 0 ? $"; known models: {string.Join(", ", known)}" : $"; {Directory} has no manifests";
            throw new ManifestException($"{path}: no such model manifest{hint}");
        }

        return ModelManifest.Load(path);
    }

    /// <summary>Finds and opens a model in one step.</summary>
    public ModelDefinition Open(string nameOrPath) => ModelDefinition.Open(Find(nameOrPath));
}
