using Berth.Core.Containers.Options;
using Berth.Core.Engine;

namespace Berth.Engine.Tests;

public sealed class RestartRulesTests
{
    [Theory]
    [InlineData("always", false, 0, false, true)]
    [InlineData("always", true, 0, false, true)]
    [InlineData("unless-stopped", false, 0, false, true)]
    [InlineData("unless-stopped", true, 0, false, false)]
    [InlineData("no", false, 1, true, false)]
    // on-failure: only a run that failed while berthd was away, and only within its count.
    [InlineData("on-failure:2", false, 4, true, true)]
    [InlineData("on-failure:2", false, 0, true, false)]
    [InlineData("on-failure:2", false, 4, false, false)]
    [InlineData("on-failure:2", true, 4, true, false)]
    public void RestartsWithDaemon_FollowsDockersRulesAtItsStart(string policy, bool manuallyStopped, int exitCode, bool exitedMeanwhile, bool restarts)
    {
        var record = Record(policy) with { ManuallyStopped = manuallyStopped, ExitCode = exitCode };
        Assert.Equal(restarts, RestartRules.RestartsWithDaemon(record, exitedMeanwhile));
    }

    [Fact]
    public void RestartsWithDaemon_OnFailure_StopsOnceItsCountIsSpent()
    {
        var record = Record("on-failure:2") with { ExitCode = 1, RestartCount = 2 };
        Assert.False(RestartRules.RestartsWithDaemon(record, exitedMeanwhile: true));
        Assert.True(RestartRules.RestartsWithDaemon(record with { RestartCount = 1 }, exitedMeanwhile: true));
    }

    [Fact]
    public void RestartsWithDaemon_NeverStarted_StaysAsItIs()
        => Assert.False(RestartRules.RestartsWithDaemon(Record("always") with { StartedAt = null }, exitedMeanwhile: false));

    private static ContainerRecord Record(string policy) => new()
    {
        Name = "c",
        Request = new ContainerCreate("busybox") { Restart = RestartPolicy.Parse(policy) },
        Status = ContainerStatus.Exited,
        StartedAt = DateTimeOffset.UnixEpoch,
    };
}
