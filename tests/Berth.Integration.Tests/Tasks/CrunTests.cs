using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Integration.Tests.Tasks;

/// <summary>
/// crun through berthd and berth-shim, asked for per container (<c>ctr run --runc-binary crun</c>, runc's BinaryName
/// option) on this hybrid cgroup host, which berthd prepares for crun at start-up (prepare_hybrid_cgroups); limits with
/// crun and, for contrast, runc.
/// </summary>
public sealed class CrunTests(EngineFixture engine) : PrivateDaemonTest(BerthBinaries.Shim, "prepare_hybrid_cgroups = true")
{
    [Fact]
    public async Task RunRm_RuncBinaryCrun_PrintsHi()
    {
        SkipUnlessCrun();
        string ns = await CrunTasks.PullAsync(Daemon, engine);

        var hi = await Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "--rm", "--runc-binary", "crun", engine.BusyboxRef, "id", "echo", "hi");

        Assert.True(hi.ExitCode == 0, $"{hi}\n{Daemon.Log}");
        Assert.Equal("hi", hi.Stdout.Trim());
        Assert.True(Linux.Cgroups.HybridControllers.CrunCanRun(Linux.Cgroups.CgroupSystem.Load()), "berthd left no controller on v2");
        Assert.Empty(CrunTasks.CgroupFoldersOf(ns));
    }

    [Fact]
    public async Task RunDetached_RuncBinaryCrun_ContainerIsCrunsAndLeavesNothing()
    {
        SkipUnlessCrun();
        string ns = await CrunTasks.PullAsync(Daemon, engine);
        await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", "--runc-binary", "crun", engine.BusyboxRef, "bg", "sleep", "300"));

        // berth-shim keeps each runtime's state under /run/berth/runc/<namespace>: crun knows the container, runc does not.
        var state = await ProcessRunner.RunAsync("crun", ["--root", $"/run/berth/runc/{ns}", "state", "bg"]);
        var runcState = await ProcessRunner.RunAsync("runc", ["--root", $"/run/berth/runc/{ns}", "state", "bg"]);
        var exec = await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "exec", "--exec-id", "x", "bg", "echo", "exec-hi"));
        await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "kill", "-s", "SIGKILL", "bg"));
        await CrunTasks.WaitForStatusAsync(Daemon, ns, "bg", "STOPPED");
        await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "rm", "bg"));
        await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "containers", "rm", "bg"));

        Assert.True(state.ExitCode == 0, state.ToString());
        Assert.Contains("\"running\"", state.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, runcState.ExitCode);
        Assert.Equal("exec-hi", exec.Stdout.Trim());
        Assert.False(Directory.Exists(Path.Join(Daemon.State, "tasks", ns, "bg")));
        Assert.Empty(CrunTasks.CgroupFoldersOf(ns));
    }

    [Theory]
    [InlineData("crun")]
    [InlineData("runc")]
    public async Task RunRm_MemoryHogOverTheLimit_IsOomKilled(string runtime)
    {
        SkipUnlessCrun();
        string ns = await CrunTasks.PullAsync(Daemon, engine);

        var hog = await Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "--rm", "--runc-binary", runtime, "--memory-limit", "16777216",
            engine.BusyboxRef, "hog", "busybox", "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1");

        Assert.True(hog.ExitCode == 137, hog.ToString());
        Assert.Empty(CrunTasks.CgroupFoldersOf(ns));
    }

    [Theory]
    [InlineData("crun")]
    [InlineData("runc")]
    public async Task RunRm_PidsLimitInTheSpec_StopsAForkLoop(string runtime)
    {
        SkipUnlessCrun();
        string ns = Names.Namespace();
        using var dir = new TempDirectory("pids");
        string config = await CrunTasks.WriteBusyboxSpecAsync(dir, ns, "forker",
            "i=0; while [ $i -lt 100 ]; do sleep 30 & i=$((i+1)); done; echo all-forked", pidsLimit: 16);

        var run = await Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "--rm", "--runc-binary", runtime, "--config", config, "forker");

        Assert.True(run.Stderr.Contains("can't fork", StringComparison.Ordinal), run.ToString());
        Assert.DoesNotContain("all-forked", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(CrunTasks.CgroupFoldersOf(ns));
    }

    [Fact]
    public async Task BerthRun_RuntimeCrun_TheContainerIsCruns()
    {
        SkipUnlessCrun();
        string ns = await CrunTasks.PullAsync(Daemon, engine);

        var started = await BerthCli.RunAsync(Daemon, "--namespace", ns, "run", "-d", "--name", "viacrun", "--runtime", "crun", engine.BusyboxRef, "sleep", "300");
        Assert.True(started.ExitCode == 0, $"{started}\n{Daemon.Log}");
        string id = started.Stdout.Trim();

        // crun's state of the container is where berth-shim keeps its runtime's; runc does not know it.
        var crun = await ProcessRunner.RunAsync("crun", ["--root", $"/run/berth/runc/{ns}", "state", id]);
        Assert.True(crun.ExitCode == 0, crun.ToString());
        Assert.Contains("\"running\"", crun.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, (await ProcessRunner.RunAsync("runc", ["--root", $"/run/berth/runc/{ns}", "state", id])).ExitCode);

        Assert.Equal(0, (await BerthCli.RunAsync(Daemon, "--namespace", ns, "rm", "-f", "viacrun")).ExitCode);
        Assert.NotEqual(0, (await ProcessRunner.RunAsync("crun", ["--root", $"/run/berth/runc/{ns}", "state", id])).ExitCode);
    }

    private static void SkipUnlessCrun()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        Assert.SkipUnless(File.Exists("/usr/bin/crun"), "crun is not installed");
    }
}
