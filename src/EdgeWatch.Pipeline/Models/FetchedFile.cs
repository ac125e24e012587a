namespace EdgeWatch.Pipeline.Models;

/// <summary>Where one model file came from, and its checksum.</summary>
public sealed record FetchedFile(string Path, FetchSource Source, string Sha256, bool RecordedHash = false);
