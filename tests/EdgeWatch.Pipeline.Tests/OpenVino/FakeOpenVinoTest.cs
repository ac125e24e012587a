using EdgeWatch.Pipeline.Inference.OpenVino;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

/// <summary>
/// Base of the tests that run the backend against the C test double: resets both copies before each test, and after it
/// checks that the double saw no misuse of its API and that every native object was freed (waiting, generously, for
/// requests a hung device still held to be freed in the background).
/// </summary>
public abstract class FakeOpenVinoTest : IDisposable
{
    private readonly List<string> _directories = [];
    private bool _violationExpected;

    protected FakeOpenVinoTest(FakeOpenVinoFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
        Fixture.Faithful.Reset();
        Fixture.WithErrorText.Reset();
    }

    protected FakeOpenVinoFixture Fixture { get; }

    /// <summary>A generous bound for "eventually" on a loaded two-core machine.</summary>
    protected static TimeSpan Eventually { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Opens the runtime on a copy of the double; fails the test with the reason if it cannot.</summary>
    internal static OpenVinoRuntime Open(FakeOpenVino fake, OpenVinoOptions? options = null)
    {
        options ??= new OpenVinoOptions();
        options.LibraryPath = fake.LibraryPath;
        Assert.True(OpenVinoRuntime.TryOpen(options, null, out var runtime, out var reason), reason);
        return runtime;
    }

    /// <summary>A temporary directory removed after the test.</summary>
    protected string TemporaryDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"edgewatch-ov-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        _directories.Add(directory);
        return directory;
    }

    /// <summary>For the tests that prove the double catches misuse: returns and clears the recorded violation.</summary>
    internal string TakeViolation(FakeOpenVino fake)
    {
        _violationExpected = true;
        return fake.LastViolation;
    }

    public void Dispose()
    {
        try
        {
            foreach (var fake in new[] { Fixture.Faithful, Fixture.WithErrorText })
            {
                Assert.True(fake.WaitUntilNoLiveObjects(Eventually), $"native objects still live after the test: {fake.LiveSummary}");
                if (!_violationExpected)
                {
                    Assert.Equal(string.Empty, fake.LastViolation);
                }
            }
        }
        finally
        {
            foreach (var directory in _directories)
            {
                Directory.Delete(directory, recursive: true);
            }

            GC.SuppressFinalize(this);
        }
    }
}
