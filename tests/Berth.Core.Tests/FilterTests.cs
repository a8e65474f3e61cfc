using Berth.Core.Errors;
using Berth.Core.Filters;

namespace Berth.Core.Tests;

public sealed class FilterTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["foo"] = "bar",
        ["io.containerd/x"] = "true",
        ["empty"] = string.Empty,
    };

    private static string? Lookup(IReadOnlyList<string> path) => path switch
    {
        ["name"] => "docker.io/library/busybox:latest",
        ["labels", var key] => Labels.GetValueOrDefault(key),
        _ => null,
    };

    [Theory]
    [InlineData("name==docker.io/library/busybox:latest", true)]
    [InlineData("name!=docker.io/library/busybox:latest", false)]
    [InlineData("name~=busybox", true)]
    [InlineData("name~=/^docker\\.io/", true)]
    [InlineData("name~=|^quay|", false)]
    [InlineData("labels.foo==bar", true)]
    [InlineData("labels.foo==baz", false)]
    [InlineData("labels.\"io.containerd/x\"==true", true)]
    [InlineData("labels.\"io.containerd/x\"", true)]
    [InlineData("labels.missing", false)]
    [InlineData("labels.missing!=x", true)]
    [InlineData("labels.empty", true)]
    [InlineData("labels.foo==bar,name~=busy", true)]
    [InlineData("labels.foo==bar,name~=nope", false)]
    [InlineData(" labels.foo == bar ", true)]
    [InlineData("", true)]
    public void Match_Selector_FollowsContainerdSemantics(string filter, bool expected)
        => Assert.Equal(expected, Filter.Parse(filter).Match(Lookup));

    [Fact]
    public void Parse_SeveralFilters_MatchWhenAnyDoes()
    {
        Assert.True(Filter.Parse(["name==nope", "labels.foo==bar"]).Match(Lookup));
        Assert.False(Filter.Parse(["name==nope", "labels.foo==baz"]).Match(Lookup));
        Assert.True(Filter.Parse([]).Match(Lookup));
    }

    [Theory]
    [InlineData("name=")]
    [InlineData("name==")]
    [InlineData("name=>x")]
    [InlineData("labels.\"unterminated")]
    [InlineData("name==x,,")]
    [InlineData("name==x y")]
    [InlineData(".name")]
    [InlineData("name~=(")]
    public void Parse_Malformed_ThrowsInvalidArgument(string filter)
        => Assert.Throws<InvalidArgumentException>(() => Filter.Parse(filter));
}
