using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Tasks;

/// <summary>berthd configured with <c>runc_binary = "crun"</c>: containers whose options name no binary run with crun.</summary>
public sealed class CrunByDefaultTests(EngineFixture engine) : PrivateDaemonTest(BerthBinaries.Shim, "runc_binary = \"crun\"")
{
    [Fact]
    public async Task RunDetached_RuncBinaryCrunInTheConfig_RunsWithCrunUnlessTheClientNamesRunc()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        Assert.SkipUnless(File.Exists("/usr/bin/crun"), "crun is not installed");
        string ns = await CrunTasks.PullAsync(Daemon, engine);
        await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", engine.BusyboxRef, "by-default", "sleep", "300"));
        await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", "--runc-binary", "runc", engine.BusyboxRef, "asked-runc", "sleep", "300"));

        var crunState = await ProcessRunner.RunAsync("crun", ["--root", $"/run/berth/runc/{ns}", "state", "by-default"]);
        var runcState = await ProcessRunner.RunAsync("runc", ["--root", $"/run/berth/runc/{ns}", "state", "asked-runc"]);
        foreach (string id in new[] { "by-default", "asked-runc" })
        {
            await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "kill", "-s", "SIGKILL", id));
            await CrunTasks.WaitForStatusAsync(Daemon, ns, id, "STOPPED");
            await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "rm", id));
            await CrunTasks.Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "containers", "rm", id));
        }

        Assert.True(crunState.ExitCode == 0, crunState.ToString());
        Assert.Contains("\"running\"", crunState.Stdout, StringComparison.Ordinal);
        Assert.True(runcState.ExitCode == 0, runcState.ToString());
        Assert.Empty(CrunTasks.CgroupFoldersOf(ns));
    }
}
