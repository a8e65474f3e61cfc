using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Tasks;

/// <summary>The same runs through Debian's containerd-shim-runc-v2 (a shim nobody here wrote).</summary>
public sealed class CtrRunWithRuncShimTests(EngineFixture engine) : CtrRunTests(engine, "/usr/bin/containerd-shim-runc-v2");

/// <summary>The same runs through berth-shim.</summary>
public sealed class CtrRunWithBerthShimTests(EngineFixture engine) : CtrRunTests(engine, BerthBinaries.Shim);

/// <summary>
/// The real ctr runs containers through berthd: Containers and Tasks services, a bundle per task, a shim per task
/// (the one named in the config), runc, events forwarded over ttrpc.
/// </summary>
public abstract class CtrRunTests(EngineFixture engine, string shim) : PrivateDaemonTest(shim)
{
    [Fact]
    public async Task RunRm_PrintsTheOutputAndExitsWithTheCommandsCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();

        var hi = await Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "--rm", engine.BusyboxRef, "hi", "echo", "hi");
        var three = await Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "--rm", engine.BusyboxRef, "three", "sh", "-c", "exit 3");

        Assert.True(hi.ExitCode == 0, hi.ToString());
        Assert.Equal("hi", hi.Stdout.Trim());
        Assert.Equal(3, three.ExitCode);
        Assert.Empty((await Infrastructure.Ctr.RunAsync(Daemon, ns, "containers", "ls", "-q")).Stdout.Trim());
        Assert.False(Directory.Exists(Path.Join(Daemon.State, "tasks", ns, "hi")), "the bundle is removed with the task");
    }

    [Fact]
    public async Task Detached_ListExecKillAndRemove_LeaveNothingBehind()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", engine.BusyboxRef, "bg", "sleep", "300"));

        var tasks = await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "ls"));
        Assert.Matches(@"(?m)^bg\s+\d+\s+RUNNING\s*$", tasks.Stdout);
        var exec = await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "exec", "--exec-id", "x1", "bg", "sh", "-c", "echo from-exec; exit 4"), exitCode: 4);
        Assert.Equal("from-exec", exec.Stdout.Trim());
        var info = await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "containers", "info", "bg"));
        Assert.Contains("\"Runtime\"", info.Stdout, StringComparison.Ordinal);

        await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "kill", "-s", "SIGKILL", "bg"));
        await WaitForStatusAsync(ns, "bg", "STOPPED");
        await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "rm", "bg"));
        await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "containers", "rm", "bg"));

        Assert.Empty((await Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "ls", "-q")).Stdout.Trim());
        Assert.False(Directory.Exists(Path.Join(Daemon.State, "tasks", ns, "bg")));
        Assert.Empty(CgroupFoldersOf(ns));
    }

    [Fact]
    public async Task KilledDaemon_ContainersKeepRunningAndAreFoundAgainAfterRestart()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", engine.BusyboxRef, "survivor", "sleep", "300"));
        await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", engine.BusyboxRef, "quitter", "sh", "-c", "sleep 2; exit 7"));
        string pid = PidOf((await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "ls"))).Stdout, "survivor");

        await Daemon.KillAsync();
        Assert.True(Directory.Exists($"/proc/{pid}"), "the container outlives berthd");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await Daemon.StartAsync();

        var tasks = await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "ls"));
        Assert.Equal(pid, PidOf(tasks.Stdout, "survivor"));
        Assert.Matches(@"(?m)^survivor\s+\d+\s+RUNNING\s*$", tasks.Stdout);
        Assert.Matches(@"(?m)^quitter\s+\d+\s+STOPPED\s*$", tasks.Stdout);
        var deleted = await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "rm", "quitter"));
        Assert.Contains("task quitter exit with non-zero exit code 7", deleted.Stderr, StringComparison.Ordinal);

        await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "kill", "-s", "SIGKILL", "survivor"));
        await WaitForStatusAsync(ns, "survivor", "STOPPED");
        await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "rm", "survivor"));
        Assert.False(Directory.Exists($"/proc/{pid}"));
        Assert.Empty(Directory.EnumerateDirectories(Path.Join(Daemon.State, "tasks", ns)));
        Assert.Empty(CgroupFoldersOf(ns));
    }

    private async Task<string> PullAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        string ns = Names.Namespace(test);
        await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef));
        return ns;
    }

    private async Task WaitForStatusAsync(string ns, string id, string status)
    {
        for (int i = 0; i < 100; i++)
        {
            if ((await Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "ls")).Stdout.Split('\n').Any(l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains(status, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"task {id} never became {status}");
    }

    // ctr's cgroupsPath is /<namespace>/<id>: the runtime removes the container's folder, berthd the namespace's.
    private static List<string> CgroupFoldersOf(string ns)
        => [.. Berth.Linux.Cgroups.CgroupSystem.Load().Mounts.Select(m => m.DirectoryOf("/" + ns)).Where(Directory.Exists)];

    private static string PidOf(string tasksLs, string id)
        => tasksLs.Split('\n').Single(l => l.StartsWith(id + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

    private static async Task<ProcessResult> Ok(Task<ProcessResult> run, int exitCode = 0)
    {
        var result = await run;
        Assert.True(result.ExitCode == exitCode, result.ToString());
        return result;
    }
}
