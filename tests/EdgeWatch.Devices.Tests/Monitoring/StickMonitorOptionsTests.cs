using EdgeWatch.Devices.Monitoring;
using EdgeWatch.Devices.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace EdgeWatch.Devices.Tests.Monitoring;

public sealed class StickMonitorOptionsTests
{
    public static TheoryData<string, Action<StickMonitorOptions>> BadSettings => new()
    {
        { "Devices:SysfsRoot must not be empty", o => o.SysfsRoot = " " },
        { "Devices:RescanInterval must be > 0", o => o.RescanInterval = TimeSpan.Zero },
        { "Devices:RescanInterval must be > 0", o => o.RescanInterval = TimeSpan.FromSeconds(-1) },
        { "Devices:RemoveGrace must be > 0", o => o.RemoveGrace = TimeSpan.Zero },
        { "Devices:UeventDebounce must be >= 0", o => o.UeventDebounce = TimeSpan.FromMilliseconds(-1) },
        { "Devices:SubscriberCapacity must be > 0", o => o.SubscriberCapacity = 0 },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_rejected_with_a_message_naming_its_key(string expected, Action<StickMonitorOptions> spoil)
    {
        var options = new StickMonitorOptions();
        spoil(options);

        ValidateOptionsResult result = new StickMonitorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new StickMonitorOptions();

        Assert.True(new StickMonitorOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("/sys", options.SysfsRoot);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RescanInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RemoveGrace);
        Assert.True(options.EnableUevents);
    }

    [Fact]
    public void The_monitor_refuses_to_be_built_with_a_bad_setting()
    {
        var options = new StickMonitorOptions { RescanInterval = TimeSpan.Zero, RemoveGrace = TimeSpan.Zero };

        var error = Assert.Throws<OptionsValidationException>(() =>
            new StickMonitor(Options.Create(options), new ListLogger<StickMonitor>()));

        Assert.Contains("Devices:RescanInterval must be > 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Devices:RemoveGrace must be > 0", error.Message, StringComparison.Ordinal);
    }
}
