using Berth.Core.Errors;
using Berth.Core.Tasks;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Infrastructure.CtrTasks;

namespace Berth.Integration.Tests.Tasks;

/// <summary>
/// The SDK's task client (what `berth run` and its siblings are built on) against the shared berthd: a container made by
/// ctr, its task created, started, listed, inspected, signalled, waited for and deleted through <c>BerthClient.Tasks</c>.
/// </summary>
public sealed class TaskClientTests(EngineFixture engine)
{
    [Fact]
    public async Task Lifecycle_CreateStartListPidsKillWaitDelete_ThroughTheClient()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var daemon = engine.Daemon;
        string ns = await PullAsync(daemon, engine.BusyboxRef);
        await Ok(Infrastructure.Ctr.RunAsync(daemon, ns, "containers", "create", engine.BusyboxRef, "tc1", "sleep", "300"));
        await using var client = daemon.Connect(ns);
        try
        {
            var mounts = await client.Snapshotter("overlayfs").MountsAsync("tc1", TestContext.Current.CancellationToken);
            var created = await client.Tasks.CreateAsync(new TaskCreate("tc1", mounts, ProcessIo.None), TestContext.Current.CancellationToken);
            Assert.Equal((ProcessStatus.Created, "tc1"), (created.Status, created.ContainerId));
            Assert.True(created.Pid > 0);
            Assert.Equal(ProcessStatus.Created, (await client.Tasks.GetAsync("tc1", "", TestContext.Current.CancellationToken)).Status);

            uint pid = await client.Tasks.StartAsync("tc1", "", TestContext.Current.CancellationToken);
            var running = await client.Tasks.GetAsync("tc1", "", TestContext.Current.CancellationToken);
            Assert.Equal((ProcessStatus.Running, pid, (DateTimeOffset?)null), (running.Status, running.Pid, running.ExitedAt));
            var listed = Assert.Single(await client.Tasks.ListAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Equal(("tc1", "", pid), (listed.ContainerId, listed.ExecId, listed.Pid));
            Assert.Contains(pid, (await client.Tasks.ListPidsAsync("tc1", TestContext.Current.CancellationToken)).Select(p => p.Pid));

            var waiting = client.Tasks.WaitAsync("tc1", "", TestContext.Current.CancellationToken).AsTask();
            await client.Tasks.KillAsync("tc1", "", 9, all: false, TestContext.Current.CancellationToken);
            var exit = await waiting;
            Assert.Equal(137u, exit.ExitStatus);
            Assert.True(exit.ExitedAt > DateTimeOffset.UtcNow.AddMinutes(-1));
            Assert.Equal(ProcessStatus.Stopped, (await client.Tasks.GetAsync("tc1", "", TestContext.Current.CancellationToken)).Status);

            var deleted = await client.Tasks.DeleteAsync("tc1", TestContext.Current.CancellationToken);
            Assert.Equal((137u, pid), (deleted.ExitStatus, deleted.Pid));
            await Assert.ThrowsAsync<NotFoundException>(async () => await client.Tasks.GetAsync("tc1", "", TestContext.Current.CancellationToken));
        }
        finally
        {
            await RemoveAsync(daemon, ns, "tc1");
        }
    }
}
