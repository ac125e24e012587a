using System.Security.Cryptography;

namespace EdgeWatch.Pipeline.Models;

/// <summary>
/// Puts a model's files in place: from a mirror folder when one is configured and has them (offline machines, CI), else
/// from each file's upstream URL. Every file is checked against its manifest's sha256 before it replaces anything; a
/// file whose hash the manifest does not know has it recorded beside it on first download and checked from then on.
/// </summary>
public sealed class ModelFetcher
{
    /// <summary>Environment variable naming the mirror folder (laid out like the model directory).</summary>
    public const string MirrorVariable = "EDGEWATCH_MODEL_MIRROR";

    private readonly HttpClient _http;
    private readonly string? _mirror;

    public ModelFetcher(HttpClient http, string? mirror)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _mirror = string.IsNullOrWhiteSpace(mirror) ? null : mirror;
    }

    /// <summary>Progress of the file being fetched: (file, bytes so far, total bytes or null).</summary>
    public event Action<string, long, long?>? Progress;

    /// <summary>Fetches every file of <paramref name="manifest"/> that is missing or wrong; reports what it did per file.</summary>
    /// <exception cref="ModelFetchException">A file could not be fetched or failed its checksum.</exception>
    public async Task<IReadOnlyList<FetchedFile>> FetchAsync(ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var results = new List<FetchedFile>();
        foreach (var file in manifest.Files)
        {
            results.Add(await FetchFileAsync(manifest, file, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<FetchedFile> FetchFileAsync(ModelManifest manifest, ModelFileEntry file, CancellationToken cancellationToken)
    {
        var target = manifest.Resolve(file.Path);
        var recorded = target + ".sha256";
        var expected = file.Sha256 ?? (File.Exists(recorded) ? (await File.ReadAllTextAsync(recorded, cancellationToken).ConfigureAwait(false)).Trim() : null);
        if (File.Exists(target) && expected is not null && await HashOfAsync(target, cancellationToken).ConfigureAwait(false) == expected)
        {
            return new FetchedFile(file.Path, FetchSource.AlreadyPresent, expected);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".part";
        try
        {
            string actual;
            FetchSource source;
            var mirrored = _mirror is null ? null : Path.Combine(_mirror, file.Path);
            if (mirrored is not null && File.Exists(mirrored))
            {
                await using var input = File.OpenRead(mirrored);
                actual = await CopyHashingAsync(input, input.Length, partial, file.Path, cancellationToken).ConfigureAwait(false);
                source = FetchSource.Mirror;
            }
            else if (file.Url is not null)
            {
                actual = await DownloadAsync(file, partial, cancellationToken).ConfigureAwait(false);
                source = FetchSource.Download;
            }
            else
            {
                throw new ModelFetchException($"{manifest.SourcePath}: {file.Path} has no url and is not in the mirror ({_mirror ?? $"{MirrorVariable} not set"})");
            }

            if (expected is not null && actual != expected)
            {
                throw new ModelFetchException(
                    $"{file.Path}: sha256 mismatch from {(source == FetchSource.Mirror ? mirrored : file.Url)}: expected {expected}, got {actual}; the file was not installed");
            }

            File.Move(partial, target, overwrite: true);
            if (expected is null)
            {
                await File.WriteAllTextAsync(recorded, actual + "\n", cancellationToken).ConfigureAwait(false);
            }

            return new FetchedFile(file.Path, source, actual, RecordedHash: expected is null);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private async Task<string> DownloadAsync(ModelFileEntry file, string partial, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(file.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ModelFetchException($"{file.Path}: {file.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await CopyHashingAsync(body, response.Content.Headers.ContentLength, partial, file.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ModelFetchException(
                $"{file.Path}: cannot download {file.Url}: {e.Message}. Offline? Set {MirrorVariable} to a folder holding the model files.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelFetchException($"{file.Path}: {file.Url} timed out. Offline? Set {MirrorVariable} to a folder holding the model files.", e);
        }
    }

    private async Task<string> CopyHashingAsync(Stream input, long? length, string partial, string name, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var output = File.Create(partial);
        var buffer = new byte[81920];
        long done = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            done += read;
            Progress?.Invoke(name, done, length);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<string> HashOfAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
