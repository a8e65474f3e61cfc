using System.Runtime.InteropServices;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Core.Tests.Manifests;

public sealed class PlatformsTests
{
    [Theory]
    [InlineData("linux/amd64", "linux/amd64")]
    [InlineData("linux/arm64/v8", "linux/arm64/v8")]
    [InlineData("linux/arm64", "linux/arm64")]
    [InlineData("linux/aarch64", "linux/arm64")]
    [InlineData("linux/arm/v7", "linux/arm/v7")]
    [InlineData("linux/arm", "linux/arm")]
    [InlineData("linux/armhf", "linux/arm")]
    [InlineData("linux/armel", "linux/arm/v6")]
    [InlineData("Linux/X86_64", "linux/amd64")]
    [InlineData("linux/amd64/v1", "linux/amd64")]
    [InlineData("linux/arm/7", "linux/arm/v7")]
    [InlineData("windows/amd64", "windows/amd64")]
    [InlineData("macos/arm64", "darwin/arm64")]
    [InlineData("i386", "linux/386")]
    [InlineData("aarch64", "linux/arm64")]
    public void Parse_Specifier_NormalisesAsContainerd(string specifier, string expected)
        => Assert.Equal(expected, Platforms.Format(Platforms.Parse(specifier)));

    [Fact]
    public void Parse_OsAlone_TakesTheHostArchitecture()
    {
        var platform = Platforms.Parse("linux");
        Assert.Equal(("linux", Platforms.Host.Architecture), (platform.Os, platform.Architecture));
    }

    [Theory]
    [InlineData("", "not a platform")]
    [InlineData("linux/*", "wildcards")]
    [InlineData("linux//amd64", "invalid component")]
    [InlineData("linux/am d64", "invalid component")]
    [InlineData("linux/arm/v7/x", "at most")]
    [InlineData("beos", "not a known")]
    public void Parse_Invalid_SaysWhy(string specifier, string why)
        => Assert.Contains(why, Assert.Throws<FormatException>(() => Platforms.Parse(specifier)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("arm64", "v8", "arm64", null)]
    [InlineData("arm", null, "arm", "v7")]
    [InlineData("x86_64", "v1", "amd64", null)]
    [InlineData("AMD64", "V3", "amd64", "v3")]
    public void Normalize_Aliases_AreResolved(string architecture, string? variant, string expected, string? expectedVariant)
    {
        var normal = Platforms.Normalize(new Platform("Linux", architecture) { Variant = variant });
        Assert.Equal(("linux", expected, expectedVariant), (normal.Os, normal.Architecture, normal.Variant));
    }

    [Theory]
    [InlineData(Architecture.X64, null, "linux/amd64")]
    [InlineData(Architecture.Arm64, "processor\t: 0\nCPU architecture: 8\n", "linux/arm64/v8")]
    [InlineData(Architecture.Arm64, null, "linux/arm64/v8")]
    [InlineData(Architecture.Arm, "model name\t: ARMv7 Processor rev 4 (v7l)\nCPU architecture: 7\n", "linux/arm/v7")]
    [InlineData(Architecture.Arm, "model name\t: ARMv6-compatible processor rev 7 (v6l)\nCPU architecture: 7\n", "linux/arm/v6")]
    [InlineData(Architecture.Arm, "CPU architecture: 5TEJ\n", "linux/arm/v5")]
    public void HostDetect_Cpu_NamesThePlatformAsContainerd(Architecture architecture, string? cpuInfo, string expected)
        => Assert.Equal(expected, Platforms.Format(HostPlatform.Detect(architecture, cpuInfo)));

    [Fact]
    public void Host_OnThisMachine_IsLinuxAndMatchesItself()
    {
        Assert.Equal("linux", Platforms.Host.Os);
        Assert.True(PlatformMatcher.Only(Platforms.Host).Matches(Platforms.Host));
    }
}
