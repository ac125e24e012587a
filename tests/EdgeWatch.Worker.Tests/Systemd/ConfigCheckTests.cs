using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Systemd;

/// <summary>
/// `edgewatch config check`, which the unit runs as ExecStartPre: the effective settings printed with secrets masked,
/// exit 0; problems named by key, exit 78.
/// </summary>
public sealed class ConfigCheckTests
{
    [Fact]
    public async Task A_valid_configuration_prints_its_effective_settings_with_secrets_masked_and_reads_back()
    {
        using var folder = new TempDirectory("config-check");
        var path = folder.File("edgewatch.json");
        await File.WriteAllTextAsync(path, """
            {
              // Secrets in two places: the broker password and a camera URL.
              "Cameras": { "front": { "Source": "rtsp://admin:hunter2@192.0.2.7:554/stream1", "Model": "yolox-nano", "DetectFps": 5 } },
              "Mqtt": { "Host": "broker.lan", "Username": "edgewatch", "Password": "s3cret-pw" }
            }
            """);

        var (exitCode, stdout, stderr) = await RunAsync("config", "check", "--config", path, "--set", "Cpu:Workers=2");

        Assert.True(exitCode == 0, $"exit code {exitCode}: {stderr}");
        Assert.DoesNotContain("hunter2", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", stdout, StringComparison.Ordinal);
        var effective = JsonNode.Parse(stdout)!;
        Assert.Equal("rtsp://admin:***@192.0.2.7:554/stream1", (string?)effective["Cameras"]!["front"]!["Source"]);
        Assert.Equal("***", (string?)effective["Mqtt"]!["Password"]);
        Assert.Equal(2, (int?)effective["Cpu"]!["Workers"]); // --set applied
        Assert.Equal("Fallback", (string?)effective["Cpu"]!["Mode"]); // defaults filled in
        Assert.Equal("00:00:10", (string?)effective["Cameras"]!["front"]!["StallTimeout"]);
        Assert.Contains("is valid", stderr, StringComparison.Ordinal);

        // What it prints is itself a configuration the daemon accepts.
        var printed = folder.File("effective.json");
        await File.WriteAllTextAsync(printed, stdout);
        var (again, _, problems) = await RunAsync("config", "check", "--quiet", "--config", printed);
        Assert.True(again == 0, problems);
    }

    [Fact]
    public async Task A_bad_configuration_exits_78_with_each_problem_named_by_its_key_and_prints_nothing_else()
    {
        using var folder = new TempDirectory("config-check");
        var path = folder.File("edgewatch.json");
        await File.WriteAllTextAsync(path, """{ "Cameras": { "front": { "Source": "ftp://x", "Model": "yolox-nano" } }, "Cpu": { "Workers": -2 } }""");

        var (exitCode, stdout, stderr) = await RunAsync("config", "check", "--config", path);

        Assert.Equal(78, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("edgewatch: configuration: Cameras:front:Source: ", stderr, StringComparison.Ordinal);
        Assert.Contains("edgewatch: configuration: Cpu:Workers: must be 0 or more", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        await TestModels.OpenAsync("yolox-nano");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryPaths.EdgeWatchDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
