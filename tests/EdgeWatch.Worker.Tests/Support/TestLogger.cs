using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>Records log entries for assertions and echoes them to the test output.</summary>
internal sealed class TestLogger<T>(ITestOutputHelper? output = null) : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries => [.. _entries];

    public IReadOnlyList<string> At(LogLevel level) => [.. _entries.Where(e => e.Level == level).Select(e => e.Message)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= (Environment.GetEnvironmentVariable("EDGEWATCH_TEST_TRACE") == "1" ? LogLevel.Trace : LogLevel.Debug);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string message = formatter(state, exception) + (exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]");
        _entries.Enqueue((logLevel, eventId, message));
        try
        {
            output?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {logLevel,-11} {message}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished; its output is closed.
        }
    }
}
