using EdgeWatch.Pipeline.Inference.OpenVino;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

public sealed class OpenVinoVersionTests
{
    [Theory]
    [InlineData("2022.3.0-9052-9752fafe8eb-releases/2022/3", 2022, 3, 0)]
    [InlineData("2022.3.1-9227-cf2c7da5689-releases/2022/3", 2022, 3, 1)]
    [InlineData("2024.0.0-14509-34caeefd078-releases/2024/0", 2024, 0, 0)]
    [InlineData("2025.1", 2025, 1, 0)]
    public void The_release_is_read_from_the_build_number(string buildNumber, int major, int minor, int patch)
    {
        var version = OpenVinoVersion.Parse(buildNumber);
        Assert.NotNull(version);
        Assert.Equal((major, minor, patch), (version.Major, version.Minor, version.Patch));
        Assert.Equal(buildNumber, version.BuildNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("custom")]
    [InlineData("2022")]
    public void A_build_number_without_a_release_is_not_a_version(string buildNumber) => Assert.Null(OpenVinoVersion.Parse(buildNumber));

    [Fact]
    public void Only_2022_releases_carry_the_MYRIAD_plugin()
    {
        Assert.True(new OpenVinoVersion(2022, 3, 1).HasMyriadPlugin);
        Assert.False(new OpenVinoVersion(2023, 0, 0).HasMyriadPlugin);
        Assert.True(new OpenVinoVersion(2022, 3, 0) < new OpenVinoVersion(2024, 2, 0));
    }
}
