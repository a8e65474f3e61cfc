using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth run -it`, `berth attach` and `berth exec -it` on real pseudo-terminals the test owns: the shell answers what
/// is typed, its terminal follows the outer one's size, Ctrl-P Ctrl-Q detaches, and the exit code comes back.
/// </summary>
public sealed class TerminalSessionTests(EngineFixture engine)
{
    private static readonly TimeSpan Timeout = ContainerCliSession.Timeout;

    [Fact]
    public async Task RunIt_TypedAndResized_DetachesWithCtrlPCtrlQ_ThenAttachGetsTheShellBackAndItsExitCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await ContainerCliSession.StartAsync(engine);
        string since = ContainerCliSession.UnixSeconds(DateTimeOffset.UtcNow);
        await using (var run = PseudoTerminal.Open(rows: 30, columns: 100))
        {
            run.Start(BerthBinaries.Cli, session.Arguments("run", "-it", "--name", "tty", session.Image, "sh"));
            await run.WaitForAsync(o => o.Contains("# ", StringComparison.Ordinal), Timeout);

            await TypeUntilAsync(run, "echo hi\r", Line("hi"));
            await TypeUntilAsync(run, "busybox stty size\r", Line("30 100"));
            run.Resize(40, 120);
            await TypeUntilAsync(run, "busybox stty size\r", Line("40 120"), resize: () => run.Resize(40, 120));

            run.Write("\u0010\u0011");
            int detached = await run.WaitForExitAsync(Timeout);
            Assert.True(detached == 0, $"run exited {detached}; the terminal showed:\n{PseudoTerminal.Escaped(run.Output)}");
        }

        Assert.Contains(await session.StatusesAsync(), s => s.StartsWith("tty Up ", StringComparison.Ordinal));

        await using var attach = PseudoTerminal.Open(rows: 33, columns: 101);
        attach.Start(BerthBinaries.Cli, session.Arguments("attach", "tty"));
        // The prompt went out before the attach: the shell answers what is typed now, in the new terminal's size.
        await TypeUntilAsync(attach, "echo back\r", Line("back"));
        await TypeUntilAsync(attach, "busybox stty size\r", Line("33 101"));
        attach.Write("exit 3\r");
        int code = await attach.WaitForExitAsync(Timeout);

        Assert.True(code == 3, $"attach exited {code}; the terminal showed:\n{PseudoTerminal.Escaped(attach.Output)}");
        Assert.Contains(await session.StatusesAsync(), s => s.StartsWith("tty Exited (3) ", StringComparison.Ordinal));

        // Each size the terminal took is a resize event, as dockerd publishes them.
        var resized = (await session.OkAsync("events", "--since", since, "--until", ContainerCliSession.UnixSeconds(DateTimeOffset.UtcNow.AddMilliseconds(200)),
            "-f", "event=resize", "--format", "{{.Actor.Attributes.name}} {{.Actor.Attributes.height}}x{{.Actor.Attributes.width}}")).Stdout.Split('\n');
        Assert.Contains("tty 40x120", resized);
        Assert.Contains("tty 33x101", resized);
    }

    [Fact]
    public async Task ExecIt_ShellWithATerminalOfTheOuterSize_DetachOrExitCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await ContainerCliSession.StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "host", session.Image, "sleep", "600");

        await using (var exec = PseudoTerminal.Open(rows: 29, columns: 97))
        {
            exec.Start(BerthBinaries.Cli, session.Arguments("exec", "-it", "host", "sh"));
            await TypeUntilAsync(exec, "busybox stty size\r", Line("29 97"));
            await TypeUntilAsync(exec, "busybox tty\r", new Regex(@"(?m)^/dev/pts/\d+\r*$"));
            exec.Resize(50, 140);
            await TypeUntilAsync(exec, "busybox stty size\r", Line("50 140"), resize: () => exec.Resize(50, 140));
            exec.Write("exit 6\r");
            int code = await exec.WaitForExitAsync(Timeout);
            Assert.True(code == 6, $"exec exited {code}; the terminal showed:\n{PseudoTerminal.Escaped(exec.Output)}");
        }

        await using var detach = PseudoTerminal.Open(rows: 24, columns: 80);
        detach.Start(BerthBinaries.Cli, session.Arguments("exec", "-it", "host", "sh", "-c", "echo ready; sleep 777"));
        // Not a whole line: .NET's console starts the terminal's keypad mode (ESC[?1h ESC=) before the output.
        await detach.WaitForAsync(o => o.Contains("ready\r\n", StringComparison.Ordinal), Timeout);
        detach.Write("\u0010\u0011");

        // docker 28's exec reports the detach as an error of its stream: the line, and exit code 1.
        Assert.Equal(1, await detach.WaitForExitAsync(Timeout));
        Assert.Contains("read escape sequence", detach.Output, StringComparison.Ordinal);
        var still = await session.OkAsync("exec", "host", "busybox", "ps");
        Assert.Contains("sleep 777", still.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunIt_DetachKeysOfTheUsersChoice()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await ContainerCliSession.StartAsync(engine);
        await using (var run = PseudoTerminal.Open(rows: 24, columns: 80))
        {
            run.Start(BerthBinaries.Cli, session.Arguments("run", "-it", "--detach-keys", "ctrl-a,x", "--name", "keyed", session.Image, "sh"));
            await run.WaitForAsync(o => o.Contains("# ", StringComparison.Ordinal), Timeout);
            // Ctrl-P Ctrl-Q are the shell's now; the chosen keys detach.
            run.Write("\u0010\u0011");
            await TypeUntilAsync(run, "echo still\r", Line("still"));
            run.Write("\u0001x");
            int detached = await run.WaitForExitAsync(Timeout);
            Assert.True(detached == 0, $"run exited {detached}; the terminal showed:\n{PseudoTerminal.Escaped(run.Output)}");
        }

        Assert.Contains(await session.StatusesAsync(), s => s.StartsWith("keyed Up ", StringComparison.Ordinal));
    }

    private static Regex Line(string text) => new($@"(?m)^{Regex.Escape(text)}\r*$");

    // berth installs its SIGWINCH handler and sends the first size as it attaches, which races the shell's start and the
    // resize here: what is typed is typed again until the answer shows (as a user types again), and a resize not
    // followed yet is made again.
    private static async Task TypeUntilAsync(PseudoTerminal terminal, string typed, Regex answer, Action? resize = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                resize?.Invoke();
            }

            int mark = terminal.Output.Length;
            terminal.Write(typed);
            try
            {
                await terminal.WaitForAsync(answer.IsMatch, TimeSpan.FromSeconds(2), mark);
                return;
            }
            catch (TimeoutException) when (attempt < 20)
            {
            }
        }
    }
}
