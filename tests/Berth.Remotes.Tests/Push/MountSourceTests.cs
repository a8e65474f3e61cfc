using Berth.Remotes.Push;

namespace Berth.Remotes.Tests.Push;

public sealed class MountSourceTests
{
    [Theory]
    [InlineData("team/app", null, null)]
    [InlineData("team/app", "team/app", null)]
    [InlineData("team/app", "library/busybox", "library/busybox")]
    [InlineData("team/app", "library/busybox,team/base", "team/base")]
    [InlineData("team/app", "team/base,library/busybox", "team/base")]
    [InlineData("team/app", "a/x,b/y", "b/y")]
    [InlineData("team/app", "team/app,team/base,team/app2", "team/app2")]
    public void Select_Sources_PicksTheRepositorySharingMostPathComponents(string target, string? sources, string? expected)
        => Assert.Equal(expected, MountSource.Select(target, sources));
}
