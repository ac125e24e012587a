using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Devices.Tests.Fixtures;

/// <summary>A logger that keeps what was logged, so tests can assert on warnings and on the absence of errors.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IEnumerable<Entry> AtLeast(LogLevel level) => _entries.Where(e => e.Level >= level);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new Entry(logLevel, eventId.Id, formatter(state, exception), exception));

    public sealed record Entry(LogLevel Level, int EventId, string Message, Exception? Exception);
}
