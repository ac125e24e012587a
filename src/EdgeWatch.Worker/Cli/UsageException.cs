namespace EdgeWatch.Worker.Cli;

/// <summary>Options that do not go together or a value out of range: reported in one line, exit code 1.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
