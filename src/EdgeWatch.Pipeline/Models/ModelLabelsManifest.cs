namespace EdgeWatch.Pipeline.Models;

/// <summary>The manifest's <c>labels</c> object.</summary>
public sealed record ModelLabelsManifest
{
    /// <summary>Labels file, one name per line, line N = label index N; relative to the manifest's directory.</summary>
    public string? File { get; init; }

    /// <summary>Label names that differ from COCO's official category names ("tvmonitor" → "tv"), for evaluation.</summary>
    public IReadOnlyDictionary<string, string>? CocoNames { get; init; }
}
