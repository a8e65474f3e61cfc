using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Infrastructure.CtrTasks;

namespace Berth.Integration.Tests.Tasks;

/// <summary>The same terminals through Debian's containerd-shim-runc-v2.</summary>
public sealed class CtrTtyWithRuncShimTests(EngineFixture engine) : CtrTtyTests(engine, "/usr/bin/containerd-shim-runc-v2");

/// <summary>The same terminals through berth-shim.</summary>
public sealed class CtrTtyWithBerthShimTests(EngineFixture engine) : CtrTtyTests(engine, BerthBinaries.Shim);

/// <summary>
/// <c>ctr run -t</c> and <c>ctr tasks exec -t</c> on a real pseudo-terminal the test owns: the shell in the container
/// has a tty of the outer terminal's size, follows its resizes, and ctr exits with the shell's code.
/// </summary>
public abstract partial class CtrTtyTests(EngineFixture engine, string shim) : PrivateDaemonTest(shim)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    [Fact]
    public async Task RunTty_ShellHasATerminalOfTheOuterSizeFollowsResizesAndGivesItsExitCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync(Daemon, engine.BusyboxRef);
        try
        {
            await using var terminal = PseudoTerminal.Open(rows: 37, columns: 113);
            terminal.Start(Infrastructure.Ctr.Path, ["--address", Daemon.Address, "--namespace", ns, "run", "-t", "--rm", engine.BusyboxRef, "t", "sh"]);

            int code = await DriveShellAsync(terminal, (37, 113), exitCode: 5);

            Assert.True(code == 5, $"ctr exited {code}; the terminal showed:\n{terminal.Output}");
            Assert.Empty((await Infrastructure.Ctr.RunAsync(Daemon, ns, "containers", "ls", "-q")).Stdout.Trim());
        }
        finally
        {
            await RemoveAsync(Daemon, ns, "t");
        }
    }

    [Fact]
    public async Task ExecTty_ShellInARunningContainerHasATerminalFollowsResizesAndGivesItsExitCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync(Daemon, engine.BusyboxRef);
        try
        {
            await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", engine.BusyboxRef, "host", "sleep", "300"));
            await using var terminal = PseudoTerminal.Open(rows: 29, columns: 97);
            terminal.Start(Infrastructure.Ctr.Path, ["--address", Daemon.Address, "--namespace", ns, "tasks", "exec", "-t", "--exec-id", "e", "host", "sh"]);

            int code = await DriveShellAsync(terminal, (29, 97), exitCode: 6);

            Assert.True(code == 6, $"ctr exited {code}; the terminal showed:\n{terminal.Output}");
            var tasks = await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "ls"));
            Assert.Matches(@"(?m)^host\s+\d+\s+RUNNING\s*$", tasks.Stdout);
            var after = await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "exec", "--exec-id", "e", "host", "echo", "again"));
            Assert.Equal("again", after.Stdout.Trim());
        }
        finally
        {
            await RemoveAsync(Daemon, ns, "host");
        }
    }

    [Fact]
    public async Task AttachAfterDaemonKill_ShellKeepsItsTerminalFollowsResizesAndGivesItsExitCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync(Daemon, engine.BusyboxRef);
        try
        {
            await using (var detached = PseudoTerminal.Open(rows: 24, columns: 80))
            {
                detached.Start(Infrastructure.Ctr.Path, ["--address", Daemon.Address, "--namespace", ns, "run", "-d", "-t", engine.BusyboxRef, "att", "sh"]);
                Assert.True(await detached.WaitForExitAsync(Timeout) == 0, detached.Output);
            }

            await Daemon.KillAsync();
            await Daemon.StartAsync();
            await using var terminal = PseudoTerminal.Open(rows: 33, columns: 101);
            terminal.Start(Infrastructure.Ctr.Path, ["--address", Daemon.Address, "--namespace", ns, "tasks", "attach", "att"]);

            // The prompt went out before the attach: the shell answers what is typed now.
            int code = await DriveShellAsync(terminal, (33, 101), exitCode: 7, promptShown: false);

            Assert.True(code == 7, $"ctr exited {code}; the terminal showed:\n{terminal.Output}");
            Assert.Empty((await Infrastructure.Ctr.RunAsync(Daemon, ns, "tasks", "ls", "-q")).Stdout.Trim());
        }
        finally
        {
            await RemoveAsync(Daemon, ns, "att");
        }
    }

    [Fact]
    public async Task RunTty_ManyLinesThenExit_AllReachTheTerminalBeforeCtrExits()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync(Daemon, engine.BusyboxRef);
        try
        {
            await using var terminal = PseudoTerminal.Open(rows: 24, columns: 80);
            terminal.Start(Infrastructure.Ctr.Path, ["--address", Daemon.Address, "--namespace", ns, "run", "-t", "--rm", engine.BusyboxRef, "burst",
                "sh", "-c", "seq 1 30000; exit 3"]);

            int code = await terminal.WaitForExitAsync(Timeout);

            Assert.True(code == 3, $"ctr exited {code}");
            Assert.Matches(@"(?m)^29999\r*\n30000\r*$", terminal.Output);
        }
        finally
        {
            await RemoveAsync(Daemon, ns, "burst");
        }
    }

    [Fact]
    public async Task ExecTty_ManyLinesThenExit_AllReachTheTerminalBeforeCtrExits()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync(Daemon, engine.BusyboxRef);
        try
        {
            await Ok(Infrastructure.Ctr.RunAsync(Daemon, ns, "run", "-d", engine.BusyboxRef, "host", "sleep", "300"));
            await using var terminal = PseudoTerminal.Open(rows: 24, columns: 80);
            terminal.Start(Infrastructure.Ctr.Path, ["--address", Daemon.Address, "--namespace", ns, "tasks", "exec", "-t", "--exec-id", "burst", "host",
                "sh", "-c", "seq 1 30000; exit 3"]);

            int code = await terminal.WaitForExitAsync(Timeout);

            Assert.True(code == 3, $"ctr exited {code}");
            Assert.Matches(@"(?m)^29999\r*\n30000\r*$", terminal.Output);
        }
        finally
        {
            await RemoveAsync(Daemon, ns, "host");
        }
    }
}
