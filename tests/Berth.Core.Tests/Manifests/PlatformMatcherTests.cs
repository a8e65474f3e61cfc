using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Core.Tests.Manifests;

public sealed class PlatformMatcherTests
{
    [Theory]
    [InlineData("linux/arm64", "linux/arm64/v8", true)]
    [InlineData("linux/arm64/v8", "linux/arm64", true)]
    [InlineData("linux/arm64", "linux/arm/v7", true)]
    [InlineData("linux/arm64", "linux/amd64", false)]
    [InlineData("linux/arm/v7", "linux/arm/v6", true)]
    [InlineData("linux/arm/v6", "linux/arm/v7", false)]
    [InlineData("linux/arm/v7", "linux/arm", true)]
    [InlineData("linux/amd64", "linux/386", true)]
    [InlineData("linux/amd64", "windows/amd64", false)]
    [InlineData("linux/amd64/v3", "linux/amd64/v2", true)]
    public void Only_Platform_MatchesWhatRunsOnIt(string wanted, string candidate, bool matches)
        => Assert.Equal(matches, PlatformMatcher.Only(Platforms.Parse(wanted)).Matches(Platforms.Parse(candidate)));

    [Fact]
    public void Strict_Platform_RefusesOlderVariants()
    {
        var strict = PlatformMatcher.Strict(Platforms.Parse("linux/arm/v7"));
        Assert.True(strict.Matches(Platforms.Parse("linux/arm")));
        Assert.False(strict.Matches(Platforms.Parse("linux/arm/v6")));
    }

    [Fact]
    public void Compare_ExactBeforeCompatible()
    {
        var matcher = PlatformMatcher.Only(Platforms.Parse("linux/arm64"));
        Assert.True(matcher.Compare(Platforms.Parse("linux/arm64/v8"), Platforms.Parse("linux/arm/v7")) < 0);
        Assert.True(matcher.Compare(Platforms.Parse("linux/arm/v7"), Platforms.Parse("linux/arm/v6")) < 0);
        Assert.Equal(0, matcher.Compare(Platforms.Parse("linux/s390x"), Platforms.Parse("linux/ppc64le")));
    }

    [Fact]
    public void Select_IndexEntries_BestFirstWithoutPlatformLast()
    {
        Descriptor Entry(char c, string? platform) => new(MediaTypes.OciManifest, Digest.Sha256([(byte)c]), 1)
        {
            Platform = platform is null ? null : Platforms.Parse(platform),
        };

        var armV6 = Entry('a', "linux/arm/v6");
        var none = Entry('b', null);
        var amd = Entry('c', "linux/amd64");
        var arm64 = Entry('d', "linux/arm64/v8");
        var armV7 = Entry('e', "linux/arm/v7");

        var selected = PlatformMatcher.Only(Platforms.Parse("linux/arm64")).Select([armV6, none, amd, arm64, armV7]);

        Assert.Equal([arm64, armV7, armV6, none], selected);
    }
}
