using EdgeWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace EdgeWatch.Worker.Tests.Configuration;

/// <summary>The Tracking, Snapshots and HomeAssistant sections: defaults, and bad values named by their key.</summary>
public sealed class PublishingSettingsTests
{
    [Theory]
    [InlineData("Tracking:MinHits", "0", "must be 1 or more")]
    [InlineData("Tracking:MaxMisses", "-1", "must be 0 or more")]
    [InlineData("Tracking:IoU", "1.5", "must be in (0, 1]")]
    [InlineData("Tracking:IoU", "0", "must be in (0, 1]")]
    [InlineData("Tracking:CountDebounceFrames", "0", "must be 1 (no debounce) or more")]
    [InlineData("Tracking:UpdateIntervalFrames", "0", "must be 1 or more")]
    [InlineData("Tracking:MaxMises", "3", "unknown setting")]
    [InlineData("Snapshots:Interval", "00:00:00", "must be a positive duration")]
    [InlineData("Snapshots:Quality", "1", "must be 2 (best) to 31 (smallest)")]
    [InlineData("Snapshots:Quality", "good", "not a valid whole number")]
    [InlineData("Snapshots:EncodeTimeout", "-00:00:01", "must be a positive duration")]
    [InlineData("HomeAssistant:DiscoveryPrefix", "home/+/assistant", "without wildcards")]
    [InlineData("HomeAssistant:DiscoveryPrefix", "homeassistant/", "trailing '/'")]
    [InlineData("HomeAssistant:StatusTopic", "ha/#", "without wildcards")]
    [InlineData("HomeAssistant:NodeName", " ", "must not be blank")]
    [InlineData("HomeAssistant:Enabled", "maybe", "not a valid true/false")]
    public async Task A_bad_setting_is_refused_naming_its_key(string key, string value, string problem)
    {
        var configuration = await Configuration((key, value));

        var error = Assert.Throws<ConfigurationException>(() => DaemonSettings.Load(configuration));

        Assert.Contains(error.Problems, p => p.Key == key && p.Problem.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Defaults_count_the_default_labels_the_model_knows_and_turn_everything_on()
    {
        var settings = DaemonSettings.Load(await Configuration());

        Assert.Equal(["person", "car", "dog", "cat"], settings.CountedLabels["room"]);
        Assert.Equal((3, 10, 0.25, 3), (settings.Tracking.MinHits, settings.Tracking.MaxMisses, settings.Tracking.IoU, settings.Tracking.CountDebounceFrames));
        Assert.Equal((true, TimeSpan.FromSeconds(2), 5), (settings.Snapshots.Enabled, settings.Snapshots.Interval, settings.Snapshots.Quality));
        Assert.Equal((true, "homeassistant", "homeassistant/status"),
            (settings.HomeAssistant.Enabled, settings.HomeAssistant.DiscoveryPrefix, settings.HomeAssistant.EffectiveStatusTopic));
    }

    [Fact]
    public async Task A_cameras_own_labels_are_counted_in_the_models_spelling()
    {
        var settings = DaemonSettings.Load(await Configuration(("Cameras:room:Labels:0", "Person"), ("Cameras:room:Labels:1", "bicycle")));

        Assert.Equal(["person", "bicycle"], settings.CountedLabels["room"]);
    }

    [Fact]
    public async Task Default_labels_a_model_does_not_know_are_left_out()
    {
        var settings = DaemonSettings.Load(await Configuration(("Tracking:DefaultLabels:0", "person"), ("Tracking:DefaultLabels:1", "unicorn")));

        Assert.Equal(["person"], settings.CountedLabels["room"]);
    }

    private static async Task<IConfiguration> Configuration(params (string Key, string Value)[] settings)
    {
        await TestModels.OpenAsync("yolox-nano");
        var values = new Dictionary<string, string?>
        {
            ["Cameras:room:Source"] = "/work/x.mp4",
            ["Cameras:room:Model"] = "yolox-nano",
            ["Cpu:Mode"] = "Always",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
