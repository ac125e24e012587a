namespace EdgeWatch.Worker.Configuration;

/// <summary>A configuration the daemon cannot start with; lists every problem found, each naming its key.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(string.Join("; ", problems))
    {
        Problems = problems;
    }

    public ConfigurationException()
    {
        Problems = [];
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Problems = [new ConfigurationProblem("(file)", message)];
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ConfigurationProblem("(file)", message)];
    }

    public IReadOnlyList<ConfigurationProblem> Problems { get; }
}
