using System.CommandLine;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Hosting;
using Microsoft.Extensions.Hosting;

namespace EdgeWatch.Worker.Cli;

/// <summary><c>edgewatch run</c>: the daemon.</summary>
internal static class RunCommand
{
    public static Option<string> ConfigOption() => new("--config", "-c")
    {
        Description = "Configuration file (JSON, comments allowed)",
        DefaultValueFactory = _ => DaemonConfiguration.DefaultPath,
    };

    public static Option<string[]> SetOption() => new("--set")
    {
        Description = "Override a setting: Section:Key=value (repeatable)",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Create()
    {
        var config = ConfigOption();
        var set = SetOption();
        var command = new Command("run", "Run the daemon: cameras → detection → MQTT") { config, set };
        command.SetAction((r, ct) => CliErrors.GuardAsync(() => RunAsync(r.GetRequiredValue(config), r.GetValue(set) ?? [], ct)));
        return command;
    }

    private static async Task<int> RunAsync(string configPath, string[] sets, CancellationToken cancellation)
    {
        IHost host;
        try
        {
            var configuration = DaemonConfiguration.Build(configPath, sets);
            var settings = DaemonSettings.Load(configuration);
            host = DaemonHost.Build(configuration, settings);
        }
        catch (ConfigurationException e)
        {
            return CliErrors.ReportConfiguration(e);
        }

        using (host)
        {
            await host.RunAsync(cancellation).ConfigureAwait(false);
        }

        return 0;
    }
}
