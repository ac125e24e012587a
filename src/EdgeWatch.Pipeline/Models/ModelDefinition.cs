using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Models;

/// <summary>
/// A model ready to load: its manifest checked, its files present, its labels read, its pre-processing, decoder and
/// thresholds resolved. Backends load it; workers make a decoder and a filter from it per inference request.
/// </summary>
public sealed class ModelDefinition
{
    private readonly Func<DecoderContext, IDetectionDecoder> _decoderFactory;

    private ModelDefinition(ModelManifest manifest, LabelSet labels, Func<DecoderContext, IDetectionDecoder> decoderFactory)
    {
        Manifest = manifest;
        Labels = labels;
        _decoderFactory = decoderFactory;
        Preprocess = manifest.Input;
        ModelPath = manifest.Resolve(manifest.Model);
        WeightsPath = manifest.Weights is null ? null : manifest.Resolve(manifest.Weights);
    }

    public ModelManifest Manifest { get; }

    public string Name => Manifest.Name;

    public string Precision => Manifest.Precision;

    /// <summary>Absolute path of the model file.</summary>
    public string ModelPath { get; }

    /// <summary>Absolute path of the IR weights, if any.</summary>
    public string? WeightsPath { get; }

    /// <summary>"onnx" or "openvino-ir", from the model file's extension.</summary>
    public string Format => ModelPath.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "openvino-ir" : "onnx";

    public LabelSet Labels { get; }

    /// <summary>How frames are prepared for this model (a backend may adapt it, e.g. to feed raw bytes to a device).</summary>
    public PreprocessSpec Preprocess { get; }

    /// <summary>A new, unbound decoder for one inference request.</summary>
    public IDetectionDecoder CreateDecoder(PreprocessSpec? input = null) => _decoderFactory(new DecoderContext(input ?? Preprocess, Labels));

    /// <summary>The manifest's thresholds, with an optional override of the default score.</summary>
    public DetectionFilter CreateFilter(float? scoreThreshold = null, float? nmsIoU = null)
    {
        var thresholds = Manifest.Thresholds;
        var perLabel = Enumerable.Repeat(float.NaN, Labels.Count).ToArray();
        foreach (var (label, score) in thresholds.PerLabel ?? new Dictionary<string, float>())
        {
            perLabel[Labels.IndexOf(label)] = score;
        }

        return new DetectionFilter(scoreThreshold ?? thresholds.Score, perLabel, nmsIoU ?? thresholds.Nms, thresholds.MaxDetections);
    }

    /// <summary>Opens a manifest's model: checks that its files exist and reads its labels.</summary>
    /// <exception cref="ManifestException">A file is missing or a per-label threshold names an unknown label.</exception>
    public static ModelDefinition Open(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var fetchHint = $" (run scripts/fetch-models {manifest.Name})";
        var model = manifest.Resolve(manifest.Model);
        if (!File.Exists(model))
        {
            throw new ManifestException($"{manifest.SourcePath}: model file {model} not found{fetchHint}");
        }

        if (manifest.Weights is not null && !File.Exists(manifest.Resolve(manifest.Weights)))
        {
            throw new ManifestException($"{manifest.SourcePath}: weights file {manifest.Resolve(manifest.Weights)} not found{fetchHint}");
        }

        LabelSet labels;
        if (manifest.Labels?.File is { } labelsFile)
        {
            var path = manifest.Resolve(labelsFile);
            try
            {
                labels = LabelSet.Load(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ManifestException($"{manifest.SourcePath}: labels file {path} cannot be read: {e.Message}{fetchHint}", e);
            }
        }
        else
        {
            labels = LabelSet.Numbered(0);
        }

        foreach (var label in manifest.Thresholds.PerLabel?.Keys ?? [])
        {
            if (labels.IndexOf(label) < 0)
            {
                throw new ManifestException($"{manifest.SourcePath}: thresholds.perLabel.{label}: no such label in the labels file");
            }
        }

        return new ModelDefinition(manifest, labels, DecoderRegistry.Resolve(manifest.Decoder, ManifestJson.Options));
    }
}
