using System.Net;
using System.Security.Cryptography;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Tests.Models;

/// <summary>Model files come from a mirror or a real HTTP download, and only ever land when their checksum is right.</summary>
public sealed class ModelFetcherTests : IDisposable
{
    private readonly TemporaryFolder _models = new();
    private readonly TemporaryFolder _mirror = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Files_are_copied_from_the_mirror_and_then_left_alone_when_already_right()
    {
        var content = "weights"u8.ToArray();
        _mirror.Write("m/model.bin", "weights");
        var manifest = Manifest(Sha(content), url: null);
        var fetcher = new ModelFetcher(_http, _mirror.Path);

        var first = await fetcher.FetchAsync(manifest);
        var second = await fetcher.FetchAsync(manifest);

        Assert.Equal(FetchSource.Mirror, Assert.Single(first).Source);
        Assert.Equal(FetchSource.AlreadyPresent, Assert.Single(second).Source);
        Assert.Equal(content, File.ReadAllBytes(_models.Combine("m/model.bin")));
    }

    [Fact]
    public async Task A_file_with_the_wrong_checksum_is_refused_and_never_replaces_the_good_one()
    {
        _models.Write("m/model.bin", "old but good");
        _mirror.Write("m/model.bin", "tampered");
        var manifest = Manifest(Sha("expected"u8.ToArray()), url: null);

        var error = await Assert.ThrowsAsync<ModelFetchException>(() => new ModelFetcher(_http, _mirror.Path).FetchAsync(manifest));

        Assert.Contains("sha256 mismatch", error.Message, StringComparison.Ordinal);
        Assert.Equal("old but good", File.ReadAllText(_models.Combine("m/model.bin")));
        Assert.False(File.Exists(_models.Combine("m/model.bin.part")));
    }

    [Fact]
    public async Task Without_a_mirror_the_file_is_downloaded_over_http_with_progress()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);
        using var server = new StaticFileServer(content);
        var manifest = Manifest(Sha(content), server.Url);
        var fetcher = new ModelFetcher(_http, mirror: null);
        long lastProgress = 0;
        fetcher.Progress += (_, done, total) =>
        {
            Assert.Equal(content.Length, total);
            lastProgress = done;
        };

        var result = Assert.Single(await fetcher.FetchAsync(manifest));

        Assert.Equal(FetchSource.Download, result.Source);
        Assert.Equal(content.Length, lastProgress);
        Assert.Equal(content, File.ReadAllBytes(_models.Combine("m/model.bin")));
    }

    [Fact]
    public async Task A_file_without_a_known_hash_has_it_recorded_on_first_download_and_checked_afterwards()
    {
        _mirror.Write("m/model.bin", "first");
        var manifest = Manifest(sha256: null, url: null);
        var fetcher = new ModelFetcher(_http, _mirror.Path);

        var first = Assert.Single(await fetcher.FetchAsync(manifest));
        File.WriteAllText(_models.Combine("m/model.bin"), "corrupted on disk");
        _mirror.Write("m/model.bin", "first");
        var second = Assert.Single(await fetcher.FetchAsync(manifest));

        Assert.True(first.RecordedHash);
        Assert.Equal(Sha("first"u8.ToArray()), File.ReadAllText(_models.Combine("m/model.bin.sha256")).Trim());
        Assert.Equal(FetchSource.Mirror, second.Source); // the corrupted copy was noticed and replaced
    }

    [Fact]
    public async Task An_unreachable_url_says_how_to_work_offline()
    {
        var manifest = Manifest(Sha("x"u8.ToArray()), "http://127.0.0.1:9/model.bin");
        var error = await Assert.ThrowsAsync<ModelFetchException>(() => new ModelFetcher(_http, mirror: null).FetchAsync(manifest));
        Assert.Contains(ModelFetcher.MirrorVariable, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        _models.Dispose();
        _mirror.Dispose();
    }

    private ModelManifest Manifest(string? sha256, string? url) => ModelManifest.Load(_models.Write("m.json", $$"""
        {
          "name": "m",
          "files": [ { "path": "m/model.bin", "url": {{(url is null ? "null" : $"\"{url}\"")}}, "sha256": {{(sha256 is null ? "null" : $"\"{sha256}\"")}} } ],
          "model": "m/model.bin",
          "input": { "width": 8, "height": 8 },
          "decoder": { "type": "classification" }
        }
        """));

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>A real HTTP server on a free loopback port serving one file.</summary>
    private sealed class StaticFileServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        public StaticFileServer(byte[] content)
        {
            var port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Url = $"http://127.0.0.1:{port}/model.bin";
            _serving = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (HttpListenerException)
                    {
                        return;
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }

                    context.Response.ContentLength64 = content.Length;
                    await context.Response.OutputStream.WriteAsync(content);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _serving.Wait(TimeSpan.FromSeconds(5));
        }

        private static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
