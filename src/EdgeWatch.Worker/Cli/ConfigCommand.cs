using System.CommandLine;
using EdgeWatch.Worker.Configuration;

namespace EdgeWatch.Worker.Cli;

/// <summary>
/// <c>edgewatch config check [--config FILE] [--set …]</c>: checks a configuration exactly as <c>run</c> does (exit 78
/// with every problem named by its key) and prints the effective settings with secrets masked. The systemd unit runs
/// it as <c>ExecStartPre</c>, so a bad edit shows in <c>systemctl status</c> instead of a restart loop.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var config = RunCommand.ConfigOption();
        var set = RunCommand.SetOption();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but problems (for ExecStartPre)" };
        var check = new Command("check", "Check the configuration as `run` would and print the effective settings (secrets masked)") { config, set, quiet };
        check.SetAction((r, _) => CliErrors.GuardAsync(() => Task.FromResult(Check(r.GetRequiredValue(config), r.GetValue(set) ?? [], r.GetValue(quiet)))));
        return new Command("config", "The daemon's configuration") { check };
    }

    private static int Check(string path, string[] sets, bool quiet)
    {
        DaemonSettings settings;
        Microsoft.Extensions.Configuration.IConfigurationRoot configuration;
        try
        {
            configuration = DaemonConfiguration.Build(path, sets);
            settings = DaemonSettings.Load(configuration);
        }
        catch (ConfigurationException e)
        {
            return CliErrors.ReportConfiguration(e);
        }

        if (!quiet)
        {
            Console.Out.WriteLine(EffectiveConfiguration.ToJson(EffectiveConfiguration.Render(settings, configuration)));
        }

        Console.Error.WriteLine($"edgewatch: configuration {Path.GetFullPath(path)} is valid: node {settings.Node.EffectiveName}, " +
            $"{settings.Cameras.Count} camera(s), topics under {settings.TopicRoot}/");
        return 0;
    }
}
