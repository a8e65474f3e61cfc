using System.Text.RegularExpressions;
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
public abstract partial class CtrTtyTests(EngineFixture engine, string shim) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private BerthDaemon? _daemon;

    private BerthDaemon Daemon => _daemon!;

    public async ValueTask InitializeAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            _daemon = await BerthDaemon.StartNewAsync($"""
                [plugins."io.containerd.runtime.v2.task"]
                runc_shim = "{shim}"
                """);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }
    }

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

    // The shell's size is checked until it shows, because ctr sends the first resize after the task started,
    // as it does on every SIGWINCH: both race the shell's own start-up.
    private async Task<int> DriveShellAsync(PseudoTerminal terminal, (int Rows, int Columns) size, int exitCode)
    {
        try
        {
            return await DriveShellCoreAsync(terminal, size, exitCode);
        }
        catch (TimeoutException e)
        {
            string log = Daemon.Log;
            throw new TimeoutException($"{e.Message}\nthe end of berthd's log:\n{log[Math.Max(0, log.Length - 6000)..]}", e);
        }
    }

    private static async Task<int> DriveShellCoreAsync(PseudoTerminal terminal, (int Rows, int Columns) size, int exitCode)
    {
        await terminal.WaitForAsync(o => o.Contains("# ", StringComparison.Ordinal), Timeout);
        await ExpectSizeAsync(terminal, size.Rows, size.Columns);

        terminal.Resize(51, 142);
        await ExpectSizeAsync(terminal, 51, 142, resized: true);

        int mark = terminal.Output.Length;
        terminal.Write($"tty; stty size; exit {exitCode}\r");
        int code = await terminal.WaitForExitAsync(Timeout);
        string shown = terminal.Output[mark..];
        Assert.Matches(TtyName(), shown);
        Assert.Matches(SizeLine(51, 142), shown);
        return code;
    }

    // ctr installs its SIGWINCH handler only after its first resize: a SIGWINCH in between is lost (ignored), so a
    // resize not seen yet is signalled again, as a user would resize the window again.
    private static async Task ExpectSizeAsync(PseudoTerminal terminal, int rows, int columns, bool resized = false)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (resized && attempt > 0)
            {
                terminal.Resize((ushort)rows, (ushort)columns);
            }

            int mark = terminal.Output.Length;
            terminal.Write("stty size\r");
            try
            {
                await terminal.WaitForAsync(o => SizeLine(rows, columns).IsMatch(o), TimeSpan.FromSeconds(1), mark);
                return;
            }
            catch (TimeoutException) when (attempt < 20)
            {
            }
        }
    }

    // ctr's raw mode keeps OPOST, so the outer terminal adds its own \r to the container's \r\n.
    private static Regex SizeLine(int rows, int columns) => new($@"(?m)^{rows} {columns}\r*$");

    [GeneratedRegex(@"(?m)^/dev/(pts/\d+|console)\r*$")]
    private static partial Regex TtyName();
}
