using Berth.Core.Containers.Options;
using Berth.Core.Errors;

namespace Berth.Core.Tests.Containers;

/// <summary>The accepted forms and the refusals, as dockerd 20.10 answers <c>docker create --restart …</c>.</summary>
public sealed class RestartPolicyTests
{
    [Theory]
    [InlineData("", "no", 0)]
    [InlineData("no", "no", 0)]
    [InlineData("always", "always", 0)]
    [InlineData("always:0", "always", 0)]
    [InlineData("unless-stopped", "unless-stopped", 0)]
    [InlineData("on-failure", "on-failure", 0)]
    [InlineData("on-failure:", "on-failure", 0)]
    [InlineData("on-failure:5", "on-failure", 5)]
    public void Parse_Accepted(string text, string name, int count)
        => Assert.Equal(new RestartPolicy(name, count), RestartPolicy.Parse(text));

    [Theory]
    [InlineData("on-failure:x", "invalid restart policy format: maximum retry count must be an integer")]
    [InlineData("always:3", "maximum retry count cannot be used with restart policy 'always'")]
    [InlineData("no:1", "maximum retry count cannot be used with restart policy 'no'")]
    [InlineData("unless-stopped:2", "maximum retry count cannot be used with restart policy 'unless-stopped'")]
    [InlineData("on-failure:-1", "maximum retry count cannot be negative")]
    [InlineData("bogus", "invalid restart policy 'bogus'")]
    public void Parse_Refused_InDockersWords(string text, string message)
        => Assert.Equal(message, Assert.Throws<InvalidArgumentException>(() => RestartPolicy.Parse(text)).Message);

    [Fact]
    public void ToString_IsTheFlagsForm()
        => Assert.Equal(["on-failure:3", "always", "no"], new[] { "on-failure:3", "always", "" }.Select(t => RestartPolicy.Parse(t).ToString()));
}
