using Microsoft.Extensions.Configuration;

namespace EdgeWatch.Worker.Configuration;

/// <summary>
/// Where the daemon's settings come from, in increasing priority: the JSON file (comments allowed), environment variables
/// <c>EDGEWATCH__Section__Key</c>, and <c>--set Section:Key=value</c> on the command line.
/// </summary>
public static class DaemonConfiguration
{
    /// <summary>The file a .deb installs and the service reads.</summary>
    public const string DefaultPath = "/etc/edgewatch/edgewatch.json";

    /// <exception cref="ConfigurationException">The file is missing or not valid JSON, or a --set is malformed.</exception>
    public static IConfigurationRoot Build(string path, IEnumerable<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(overrides);
        if (!File.Exists(path))
        {
            throw new ConfigurationException([new ConfigurationProblem(path, "no such configuration file (give one with --config)")]);
        }

        var sets = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in overrides)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ConfigurationException([new ConfigurationProblem("--set", $"'{item}' is not Section:Key=value")]);
            }

            sets[item[..equals].Trim()] = item[(equals + 1)..];
        }

        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false)
                .AddEnvironmentVariables("EDGEWATCH__")
                .AddInMemoryCollection(sets)
                .Build();
        }
        catch (InvalidDataException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new ConfigurationException([new ConfigurationProblem(path, $"not valid JSON: {reason}")]);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException([new ConfigurationProblem(path, $"not valid JSON: {e.Message}")]);
        }
    }
}
