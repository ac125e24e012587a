namespace EdgeWatch.Worker.Configuration;

/// <summary>One thing wrong with the configuration: the key, and what is wrong with it.</summary>
public sealed record ConfigurationProblem(string Key, string Problem)
{
    public override string ToString() => $"{Key}: {Problem}";
}
