using Berth.Remotes.Auth;

namespace Berth.Remotes.Tests.Auth;

public sealed class AuthChallengeParserTests
{
    [Fact]
    public void Parse_Bearer_ReadsQuotedParameters()
    {
        var challenge = Assert.Single(AuthChallengeParser.Parse(
            ["Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\""]));

        Assert.Equal(AuthScheme.Bearer, challenge.Scheme);
        Assert.Equal("https://auth.docker.io/token", challenge.Realm);
        Assert.Equal("registry.docker.io", challenge.Service);
        Assert.Equal(["repository:library/busybox:pull"], challenge.Scopes);
    }

    [Fact]
    public void Parse_SeveralChallengesInOneHeader_SplitsThemAndPutsBearerFirst()
    {
        var challenges = AuthChallengeParser.Parse(["Basic realm=\"Registry Realm\", Bearer realm=\"https://a/token\", service=x"]);

        Assert.Equal([AuthScheme.Bearer, AuthScheme.Basic], challenges.Select(c => c.Scheme));
        Assert.Equal("x", challenges[0].Service);
        Assert.Equal("Registry Realm", challenges[1].Realm);
    }

    [Fact]
    public void Parse_SeveralHeadersAndUnknownSchemes_KeepsBasicAndBearer()
    {
        var challenges = AuthChallengeParser.Parse(["Negotiate abc==", "Digest realm=\"d\", nonce=\"n\"", "basic realm=b"]);

        var basic = Assert.Single(challenges);
        Assert.Equal(AuthScheme.Basic, basic.Scheme);
        Assert.Equal("b", basic.Realm);
    }

    [Fact]
    public void Parse_EscapedQuotesAndSpaces_Unescapes()
    {
        var challenge = Assert.Single(AuthChallengeParser.Parse(["Bearer  realm = \"a \\\"quoted\\\" realm\" , error=\"insufficient_scope\""]));

        Assert.Equal("a \"quoted\" realm", challenge.Realm);
        Assert.Equal("insufficient_scope", challenge.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer realm=")]
    [InlineData("Bearer realm=\"unterminated")]
    [InlineData(",,, ::: ===")]
    public void Parse_Malformed_DoesNotThrow(string header)
    {
        var challenges = AuthChallengeParser.Parse([header]);

        Assert.All(challenges, c => Assert.Equal(AuthScheme.Bearer, c.Scheme));
    }
}
