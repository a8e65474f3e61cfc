using Berth.Oci;

namespace Berth.Core.Tests;

public sealed class DigestTests
{
    [Fact]
    public void Sha256_OfEmptyInput_IsTheWellKnownValue()
        => Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digest.EmptySha256.ToString());

    [Theory]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true)]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", false)]
    [InlineData("sha256:e3b0", false)]
    [InlineData("sha256:../../etc/passwd", false)]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    [InlineData("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8", true)]
    [InlineData("sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", true)]
    [InlineData("SHA256:abc", false)]
    [InlineData(":abc", false)]
    [InlineData("", false)]
    public void TryParse_FollowsTheImageSpecGrammar(string text, bool valid)
        => Assert.Equal(valid, Digest.TryParse(text, out _));

    [Fact]
    public void Parse_RoundTrips()
    {
        var digest = Digest.Sha256("hello"u8);
        Assert.Equal(digest, Digest.Parse(digest.ToString()));
    }
}
