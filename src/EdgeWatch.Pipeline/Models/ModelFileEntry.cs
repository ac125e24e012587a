namespace EdgeWatch.Pipeline.Models;

/// <summary>One file of a model: where it goes (relative to the manifest), where it comes from, and its checksum.</summary>
public sealed record ModelFileEntry
{
    public required string Path { get; init; }

    public string? Url { get; init; }

    /// <summary>Lower-case hex sha256; absent for files whose hash is recorded on first download.</summary>
    public string? Sha256 { get; init; }
}
