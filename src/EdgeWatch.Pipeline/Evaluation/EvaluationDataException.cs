namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// Evaluation input that cannot be used: a missing or malformed file, annotations that do not match the
/// images, an unknown label. The message names the file (and line, where there is one) and the problem.
/// </summary>
public sealed class EvaluationDataException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    public EvaluationDataException()
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public EvaluationDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception wrapping the failure that revealed the problem.</summary>
    public EvaluationDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about a file, and optionally one line of it (1-based).</summary>
    public EvaluationDataException(string filePath, int? lineNumber, string problem, Exception? innerException = null)
        : base(Describe(filePath, lineNumber, problem), innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    /// <summary>The file the problem is in, when it is in one.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line of <see cref="FilePath"/> the problem is on, when known.</summary>
    public int? LineNumber { get; }

    private static string Describe(string filePath, int? lineNumber, string problem) =>
        lineNumber is { } line ? $"{filePath}:{line}: {problem}" : $"{filePath}: {problem}";
}
