using Berth.Oci;
using Berth.Operations.Images;
using Berth.Operations.Output;

namespace Berth.Operations.Tests.Images;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("linux/amd64", "linux", "amd64", null)]
    [InlineData("linux/x86_64", "linux", "amd64", null)]
    [InlineData("linux/arm64/v8", "linux", "arm64", null)]
    [InlineData("aarch64", "linux", "arm64", null)]
    [InlineData("linux/arm", "linux", "arm", "v7")]
    [InlineData("linux/arm/v6", "linux", "arm", "v6")]
    [InlineData("armhf", "linux", "arm", "v7")]
    public void Platform_Parse_NormalisesAsContainerd(string text, string os, string arch, string? variant)
        => Assert.Equal(new Platform(os, arch) { Variant = variant }, HostPlatform.Parse(text));

    [Theory]
    [InlineData("linux//amd64")]
    [InlineData("a/b/c/d")]
    [InlineData("linux/am d64")]
    public void Platform_Parse_Invalid_ClientError(string text) => Assert.Throws<ClientException>(() => HostPlatform.Parse(text));

    [Theory]
    [InlineData("busy*", "busybox", true)]
    [InlineData("*", "test/app", false)]
    [InlineData("*/*", "test/app", true)]
    [InlineData("busybox:1.?6", "busybox:1.36", true)]
    [InlineData("[a-c]usybox", "busybox", true)]
    [InlineData("[^b]usybox", "busybox", false)]
    [InlineData("busybox", "busybox:latest", false)]
    public void Glob_MatchesAsGoPathMatch(string pattern, string name, bool expected) => Assert.Equal(expected, GlobPattern.Match(pattern, name));

    [Fact]
    public void ChainIds_FirstIsTheDiffIdThenHashesOfPairs()
    {
        var a = Digest.Sha256("a"u8);
        var b = Digest.Sha256("b"u8);

        var chain = ImageSize.ChainIds([a, b]);

        Assert.Equal([a, Digest.Sha256(System.Text.Encoding.ASCII.GetBytes($"{a} {b}"))], chain);
    }
}
