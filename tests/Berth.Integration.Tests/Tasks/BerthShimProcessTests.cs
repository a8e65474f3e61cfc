using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Tasks;

/// <summary>
/// How berthd's start of berth-shim leaves the serving shim: the <c>start</c> process itself, serving in place (the
/// daemon's child, which the daemon reaps when it ends), in a session of its own (a signal to the daemon's group does
/// not reach it), with /dev/null for stdio, on a socket only root can use that it removes when it stops.
/// </summary>
public sealed class BerthShimProcessTests(EngineFixture engine) : PrivateDaemonTest(BerthBinaries.Shim)
{
    [Fact]
    public async Task RunDetached_ServingShim_OwnSessionNullStdioPrivateSocketRemovedAtTheEnd()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var daemon = Daemon;
        string ns = await CtrTasks.PullAsync(daemon, engine.BusyboxRef);
        await CtrTasks.Ok(Infrastructure.Ctr.RunAsync(daemon, ns, "run", "-d", engine.BusyboxRef, "s1", "sleep", "300"));

        int shim = Assert.Single(HostTraces.ShimPids(ns, "s1"));
        string socket = HostTraces.ShimSocket(Path.Join(daemon.State, "tasks", ns, "s1"));
        string[] stat = File.ReadAllText($"/proc/{shim}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (int parent, int session) = (int.Parse(stat[1]), int.Parse(stat[3]));
        var socketMode = File.GetUnixFileMode(socket);
        string[] stdio = [.. Enumerable.Range(0, 3).Select(fd => new FileInfo($"/proc/{shim}/fd/{fd}").LinkTarget ?? "")];

        await CtrTasks.Ok(Infrastructure.Ctr.RunAsync(daemon, ns, "tasks", "kill", "-s", "SIGKILL", "s1"));
        await CtrTasks.WaitForStatusAsync(daemon, ns, "s1", "STOPPED");
        await CtrTasks.Ok(Infrastructure.Ctr.RunAsync(daemon, ns, "tasks", "rm", "s1"));
        // Free once the delete has answered, before the shim is gone: the same container's next shim binds this path.
        bool socketLeftAfterDelete = File.Exists(socket);
        await CtrTasks.Ok(Infrastructure.Ctr.RunAsync(daemon, ns, "containers", "rm", "s1"));

        Assert.Equal(shim, session);
        Assert.Equal(daemon.Pid, parent);
        Assert.All(stdio, target => Assert.Equal("/dev/null", target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, socketMode);
        // Gone from /proc: exited and reaped by the daemon (a zombie would still be listed).
        Assert.Empty(await HostTraces.WaitGoneAsync([shim], TimeSpan.FromSeconds(10)));
        Assert.False(socketLeftAfterDelete, $"the shim's socket {socket} was still there when the delete answered");
        Assert.False(File.Exists(socket), $"the shim's socket {socket} is left behind");
    }
}
