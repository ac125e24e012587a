using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeWatch.Pipeline.Decoding;

namespace EdgeWatch.Pipeline.Models;

/// <summary>
/// A model as its <c>models/NAME.json</c> describes it: files to fetch, how to feed it, how to read its outputs, its labels
/// and default thresholds. Users add a model by writing one of these; no code changes.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>Short name, as used on the command line (<c>--model yolox-nano</c>).</summary>
    public required string Name { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? License { get; init; }

    /// <summary>Where the model comes from (a web page).</summary>
    public string? Source { get; init; }

    /// <summary>Numeric precision of the weights: FP32, FP16 or INT8 (reported by bench and eval).</summary>
    public string Precision { get; init; } = "FP32";

    /// <summary>Files to download, with their upstream URL and sha256.</summary>
    public IReadOnlyList<ModelFileEntry> Files { get; init; } = [];

    /// <summary>The model file (.onnx, or an OpenVINO IR .xml), relative to the manifest's directory.</summary>
    public required string Model { get; init; }

    /// <summary>For OpenVINO IR: the .bin weights, relative to the manifest's directory.</summary>
    public string? Weights { get; init; }

    public required ModelInputManifest Input { get; init; }

    /// <summary>The decoder: <c>type</c> plus that decoder's own parameters.</summary>
    public required JsonElement Decoder { get; init; }

    public ModelLabelsManifest? Labels { get; init; }

    public ModelThresholds Thresholds { get; init; } = new();

    /// <summary>The file this manifest was read from.</summary>
    [JsonIgnore]
    public string SourcePath { get; init; } = string.Empty;

    /// <summary>The directory relative paths are resolved against.</summary>
    [JsonIgnore]
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(SourcePath)) ?? ".";

    /// <summary>Absolute path of a file named relative to the manifest.</summary>
    public string Resolve(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, relative));

    /// <summary>Reads and checks a manifest; every problem is reported with the file and the key.</summary>
    /// <exception cref="ManifestException">The file is missing, unreadable, not JSON, or a value is wrong.</exception>
    public static ModelManifest Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException($"{path}: cannot read the manifest: {e.Message}", e);
        }

        ModelManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(text, ManifestJson.Options)
                ?? throw new ManifestException($"{path}: the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new ManifestException($"{path}: {ManifestJson.Describe(e)}", e);
        }

        manifest = manifest with { SourcePath = path };
        var problem = manifest.FindProblem();
        return problem is null ? manifest : throw new ManifestException($"{path}: {problem}");
    }

    /// <summary>The first thing wrong with the manifest's values, or null.</summary>
    private string? FindProblem()
    {
        var input = Input;
        string? problem = null;
        if (string.IsNullOrWhiteSpace(Name))
        {
            problem = "name must not be empty";
        }
        else if (string.IsNullOrWhiteSpace(Model))
        {
            problem = "model must name the model file";
        }
        else if (input.Width <= 0 || input.Height <= 0 || input.Width > 8192 || input.Height > 8192)
        {
            problem = Invariant($"input.width and input.height must be 1..8192, got {input.Width}x{input.Height}");
        }
        else if (input.Mean.Count != 3 || input.Std.Count != 3)
        {
            problem = "input.mean and input.std must have 3 values (one per channel)";
        }
        else if (input.Std.Any(s => s == 0f || !float.IsFinite(s)))
        {
            problem = "input.std values must be finite and non-zero";
        }
        else if (!(input.Scale > 0f) || !float.IsFinite(input.Scale))
        {
            problem = "input.scale must be a positive number";
        }
        else if (input.CropFraction is <= 0f or > 1f)
        {
            problem = "input.cropFraction must be in (0, 1]";
        }
        else if (Thresholds.Score is < 0f or > 1f)
        {
            problem = "thresholds.score must be in [0, 1]";
        }
        else if (Thresholds.Nms is { } nms && nms is <= 0f or > 1f)
        {
            problem = "thresholds.nms must be in (0, 1], or null when the model suppresses overlaps itself";
        }
        else if (Thresholds.MaxDetections <= 0)
        {
            problem = "thresholds.maxDetections must be at least 1";
        }
        else if (Thresholds.PerLabel?.FirstOrDefault(p => p.Value is < 0f or > 1f) is { Key: not null } bad)
        {
            problem = $"thresholds.perLabel.{bad.Key} must be in [0, 1]";
        }
        else if (Files.FirstOrDefault(f => f.Sha256 is not null && !IsSha256(f.Sha256)) is { } badHash)
        {
            problem = $"files[{badHash.Path}].sha256 must be 64 lower-case hex digits";
        }

        if (problem is null)
        {
            try
            {
                _ = DecoderRegistry.Resolve(Decoder, ManifestJson.Options);
            }
            catch (DecoderException e)
            {
                problem = e.Message;
            }
        }

        return problem;
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
