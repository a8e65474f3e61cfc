using Berth.Integration.Tests.Infrastructure;
using Containerd.Services.Tasks.V1;
using static Berth.Integration.Tests.Infrastructure.CtrTasks;

namespace Berth.Integration.Tests.Tasks;

/// <summary>The same restart through Debian's containerd-shim-runc-v2.</summary>
public sealed class CtrRestartWaitWithRuncShimTests(EngineFixture engine) : CtrRestartWaitTests(engine, "/usr/bin/containerd-shim-runc-v2");

/// <summary>The same restart through berth-shim.</summary>
public sealed class CtrRestartWaitWithBerthShimTests(EngineFixture engine) : CtrRestartWaitTests(engine, BerthBinaries.Shim);

/// <summary>
/// berthd killed with SIGKILL while tasks run, then restarted: a Wait begun after the restart gives each task's true
/// exit status (one that exited while berthd was down, ones killed afterwards), and deleting the tasks leaves no mount,
/// cgroup, bundle or shim process behind.
/// </summary>
public abstract class CtrRestartWaitTests(EngineFixture engine, string shim) : PrivateDaemonTest(shim)
{
    private static readonly string[] Ids = ["sleeper", "trapper", "quitter"];
    [Fact]
    public async Task KilledDaemon_WaitAfterRestart_GivesExitStatusesAndDeleteLeavesNothing()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync(Daemon, engine.BusyboxRef);
        try
        {
            await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", engine.BusyboxRef, "sleeper", "sleep", "300"));
            await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", engine.BusyboxRef, "trapper", "sh", "-c", "trap 'exit 143' TERM; sleep 300 & wait"));
            await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", engine.BusyboxRef, "quitter", "sh", "-c", "sleep 3; exit 9"));
            string listed = (await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "ls"))).Stdout;
            var pids = Ids.ToDictionary(id => id, id => int.Parse(PidOf(listed, id), System.Globalization.CultureInfo.InvariantCulture));
            var shims = Ids.ToDictionary(id => id, id => HostTraces.ShimPids(ns, id));
            Assert.All(Ids, id => Assert.True(shims[id].Count == 1, $"{id} is served by shims {string.Join(',', shims[id])}"));
            var sockets = Ids.Select(id => HostTraces.ShimSocket(Path.Join(Daemon.State, "tasks", ns, id))).ToList();
            Assert.All(sockets, socket => Assert.True(File.Exists(socket), $"no shim socket at {socket}"));

            await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "exec", "-d", "--exec-id", "late", "sleeper", "sh", "-c", "sleep 2; exit 4"));

            await Daemon.KillAsync();
            Assert.Empty(await HostTraces.WaitGoneAsync([pids["quitter"]], TimeSpan.FromSeconds(30)));
            // The shim stamps the exit just after reaping it (the moment it leaves /proc): give it that moment, still
            // with berthd down (a clean-clone CI run saw containerd-shim-runc-v2's stamp land after an immediate reading).
            await Task.Delay(250);
            var restartedAt = DateTime.UtcNow;
            await Daemon.StartAsync();

            using var channel = RawGrpc.Channel(Daemon.Address);
            var tasks = new Containerd.Services.Tasks.V1.Tasks.TasksClient(channel);
            var deadline = DateTime.UtcNow.AddMinutes(1);
            var quitter = await tasks.WaitAsync(new WaitRequest { ContainerId = "quitter" }, RawGrpc.Namespace(ns), deadline);
            Assert.Equal(9u, quitter.ExitStatus);
            Assert.True(quitter.ExitedAt.ToDateTime() < restartedAt, $"quitter exited at {quitter.ExitedAt}, while berthd was down");

            var late = await tasks.WaitAsync(new WaitRequest { ContainerId = "sleeper", ExecId = "late" }, RawGrpc.Namespace(ns), deadline);
            Assert.Equal(4u, late.ExitStatus);
            using var sleeper = tasks.WaitAsync(new WaitRequest { ContainerId = "sleeper" }, RawGrpc.Namespace(ns), deadline);
            using var trapper = tasks.WaitAsync(new WaitRequest { ContainerId = "trapper" }, RawGrpc.Namespace(ns), deadline);
            await Task.Delay(500);
            Assert.False(sleeper.ResponseAsync.IsCompleted || trapper.ResponseAsync.IsCompleted, "a running task's wait returned");
            await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "kill", "-s", "SIGKILL", "sleeper"));
            await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "kill", "-s", "SIGTERM", "trapper"));
            Assert.Equal(128u + 9, (await sleeper.ResponseAsync).ExitStatus);
            Assert.Equal(143u, (await trapper.ResponseAsync).ExitStatus);

            foreach (string id in Ids)
            {
                await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "rm", id));
                await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "containers", "rm", id));
            }

            Assert.Empty(await HostTraces.WaitGoneAsync([.. shims.Values.SelectMany(p => p), .. pids.Values], TimeSpan.FromSeconds(10)));
            Assert.Empty(Ids.SelectMany(id => HostTraces.ShimPids(ns, id)));
            Assert.DoesNotContain(sockets, File.Exists);
            Assert.Empty(HostTraces.MountsMentioning(Path.Join(Daemon.State, "tasks", ns)));
            Assert.Empty(HostTraces.MountsMentioning(ns));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Join(Daemon.State, "tasks", ns)));
            Assert.Empty(CgroupFoldersOf(ns));
        }
        finally
        {
            foreach (string id in Ids)
            {
                await RemoveAsync(Daemon, ns, id);
            }
        }
    }
}
