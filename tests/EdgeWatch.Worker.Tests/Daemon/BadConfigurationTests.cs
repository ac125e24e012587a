using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Daemon;

/// <summary>A configuration the daemon cannot run with stops it at once, exit code 78, naming the key and the problem.</summary>
public sealed class BadConfigurationTests
{
    [Theory]
    [InlineData("\"Source\": \"/work/x.mp4\"", "\"Source\": \"ftp://camera/stream\"", "Cameras:room:Source", "not a source type")]
    [InlineData("\"Workers\": 1", "\"Workers\": -2", "Cpu:Workers", "must be 0 or more")]
    [InlineData("\"Model\": \"yolox-nano\"", "\"Model\": \"no-such-model\"", "Cameras:room:Model", "no such model manifest")]
    [InlineData("\"Workers\": 1", "\"Workers\": \"many\"", "Cpu:Workers", "not a valid whole number")]
    [InlineData("\"Workers\": 1", "\"Workers\": 1, \"Wrokers\": 2", "Cpu:Wrokers", "unknown setting")]
    [InlineData("\"Port\": 1883", "\"Port\": 70000", "Mqtt:Port", "1..65535")]
    [InlineData("\"Cpu\": {", "\"Cpus\": {", "Cpus", "unknown section")]
    [InlineData("\"Mode\": \"Always\"", "\"Mode\": \"Sometimes\"", "Cpu:Mode", "not a valid")]
    [InlineData("\"Model\": \"yolox-nano\"", "\"Model\": \"yolox-nano\", \"DecoderNice\": 20", "Cameras:room:DecoderNice", "must be in [0, 19], got 20")]
    public async Task A_bad_setting_exits_78_naming_the_key(string original, string replacement, string key, string problem)
    {
        using var folder = new TempDirectory("edgewatch-badconfig-");
        var path = folder.File("edgewatch.json");
        await File.WriteAllTextAsync(path, Valid.Replace(original, replacement, StringComparison.Ordinal));

        var (exitCode, output) = await RunAsync("run", "--config", path);

        Assert.True(exitCode == 78, $"exit code {exitCode}: {output}");
        Assert.Contains($"{key}: ", output, StringComparison.Ordinal);
        Assert.Contains(problem, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task Unparsable_json_exits_78_naming_the_file()
    {
        using var folder = new TempDirectory("edgewatch-badconfig-");
        var path = folder.File("edgewatch.json");
        await File.WriteAllTextAsync(path, "{ \"Cpu\": { \"Workers\": 1, }\n  oops }");

        var (exitCode, output) = await RunAsync("run", "--config", path);

        Assert.Equal(78, exitCode);
        Assert.Contains(path, output, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_configuration_file_exits_78()
    {
        var (exitCode, output) = await RunAsync("run", "--config", "/nonexistent/edgewatch.json");
        Assert.Equal(78, exitCode);
        Assert.Contains("/nonexistent/edgewatch.json: no such configuration file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_option_overrides_the_file_and_is_checked_too()
    {
        using var folder = new TempDirectory("edgewatch-badconfig-");
        var path = folder.File("edgewatch.json");
        await File.WriteAllTextAsync(path, Valid);

        var (exitCode, output) = await RunAsync("run", "--config", path, "--set", "Cameras:room:DetectFps=-1");

        Assert.Equal(78, exitCode);
        Assert.Contains("Cameras:room:DetectFps: ", output, StringComparison.Ordinal);
    }

    private static string Valid => """
        {
          // A valid configuration; each test breaks one thing.
          "Cameras": { "room": { "Source": "/work/x.mp4", "Model": "yolox-nano" } },
          "Cpu": { "Mode": "Always", "Workers": 1 },
          "Mqtt": { "Host": "127.0.0.1", "Port": 1883 }
        }
        """;

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await TestModels.OpenAsync("yolox-nano");
        await using var daemon = DaemonProcess.Start(arguments);
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, daemon.Output);
    }
}
