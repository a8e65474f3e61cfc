using Berth.Core.Engine;

namespace Berth.Engine.Tests;

public sealed class RecentRemovalsTests
{
    [Fact]
    public void TryGet_FindsAnExitByNamespaceAndId_AndTheNewestForAnIdRemovedTwice()
    {
        var removals = new RecentRemovals();
        removals.Add("a", "c1", new ContainerExit(3));
        removals.Add("a", "c1", new ContainerExit(4));

        Assert.True(removals.TryGet("a", "c1", out var exit));
        Assert.Equal(4, exit.ExitCode);
        Assert.False(removals.TryGet("b", "c1", out _));
    }

    [Fact]
    public void Add_BeyondTheCapacity_ForgetsTheOldestOnly()
    {
        var removals = new RecentRemovals();
        for (int i = 0; i <= RecentRemovals.Capacity; i++)
        {
            removals.Add("ns", $"c{i}", new ContainerExit(i % 256));
        }

        Assert.False(removals.TryGet("ns", "c0", out _));
        Assert.True(removals.TryGet("ns", "c1", out var second));
        Assert.Equal(1, second.ExitCode);
        Assert.True(removals.TryGet("ns", $"c{RecentRemovals.Capacity}", out _));
    }
}
