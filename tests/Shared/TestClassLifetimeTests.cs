using System.Reflection;

namespace EdgeWatch.Testing;

/// <summary>
/// xUnit v2 disposes a test class through IDisposable or IAsyncLifetime, never IAsyncDisposable: a class that only
/// implements the latter leaks what it started (brokers, daemons, worker threads) into the rest of the run.
/// </summary>
public sealed class TestClassLifetimeTests
{
    [Fact]
    public void Test_classes_that_dispose_asynchronously_do_it_through_IAsyncLifetime()
    {
        var leaking = typeof(TestClassLifetimeTests).Assembly.GetTypes()
            .Where(type => type.GetMethods().Any(m => m.GetCustomAttribute<FactAttribute>() is not null))
            .Where(type => typeof(IAsyncDisposable).IsAssignableFrom(type)
                && !typeof(IAsyncLifetime).IsAssignableFrom(type)
                && !typeof(IDisposable).IsAssignableFrom(type))
            .Select(type => type.FullName)
            .ToList();

        Assert.True(leaking.Count == 0, "never disposed by xUnit v2: " + string.Join(", ", leaking));
    }
}
