using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth exec` against the shared berthd: output by stream, the flags, stdin, -d, and docker's refusals and exit codes.</summary>
public sealed class ExecCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Exec_OutputByStream_FlagsOverTheContainersSettings_ExitCodeOfTheProcess()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "box", "-e", "KEPT=yes", session.Image, "sleep", "600");

        var plain = await session.RunAsync("exec", "box", "sh", "-c", "echo $KEPT; pwd; id -u; echo err >&2; exit 4");
        Assert.Equal((4, "yes\n/\n0\n", "err\n"), (plain.ExitCode, plain.Stdout, plain.Stderr));

        var flags = Expect(0, await session.RunAsync("exec", "-e", "FOO=bar", "-w", "/tmp", "-u", "1000:1000", "box", "sh", "-c", "echo $KEPT $FOO; pwd; id -u; id -g"));
        Assert.Equal("yes bar\n/tmp\n1000\n1000\n", flags.Stdout);

        // Options end at the container: -la is ls's.
        var ls = await session.OkAsync("exec", "box", "ls", "-la", "/");
        Assert.Contains("bin", ls.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_Interactive_PipedStdinReachesTheProcessAndIsClosed_Tty_OneStream()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "box", session.Image, "sleep", "600");

        var cat = Expect(0, await session.RunWithStdinAsync("piped\nlines\n", "exec", "-i", "box", "cat"));
        Assert.Equal("piped\nlines\n", cat.Stdout);

        var counted = Expect(0, await session.RunWithStdinAsync("a\nb\nc\n", "exec", "-i", "box", "sh", "-c", "n=0; while read l; do n=$((n+1)); done; echo $n"));
        Assert.Equal("3\n", counted.Stdout);

        // -t without -i: one raw stream (stderr too), the terminal's \r\n, the process's code.
        var tty = await session.RunAsync("exec", "-t", "box", "sh", "-c", "echo out; echo err >&2; exit 2");
        Assert.Equal((2, "out\r\nerr\r\n", ""), (tty.ExitCode, tty.Stdout, tty.Stderr));

        var noTty = await session.RunWithStdinAsync(string.Empty, "exec", "-it", "box", "sh");
        Assert.Equal((1, "the input device is not a TTY\n"), (noTty.ExitCode, noTty.Stderr));
    }

    [Fact]
    public async Task Exec_Detach_ReturnsAtOnceAndTheProcessRunsOn()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "box", session.Image, "sleep", "600");

        var detached = Expect(0, await session.RunAsync("exec", "-d", "box", "sh", "-c", "echo noise; sleep 1; echo done > /tmp/mark"));
        Assert.Equal(string.Empty, detached.Stdout + detached.Stderr);

        string mark = string.Empty;
        for (int i = 0; i < 100 && mark.Length == 0; i++)
        {
            await Task.Delay(100);
            mark = (await session.RunAsync("exec", "box", "sh", "-c", "cat /tmp/mark 2>/dev/null")).Stdout;
        }

        Assert.Equal("done\n", mark);
    }

    [Fact]
    public async Task Exec_Refusals_DockersMessagesAndExitCodes()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "box", session.Image, "sleep", "600");
        string stoppedId = (await session.OkAsync("create", "--name", "stopped", session.Image, "true")).Stdout.Trim();

        var stopped = await session.RunAsync("exec", "stopped", "true");
        Assert.Equal((1, $"Error response from daemon: Container {stoppedId} is not running\n"), (stopped.ExitCode, stopped.Stderr));

        var missing = await session.RunAsync("exec", "nosuch", "true");
        Assert.Equal((1, "Error response from daemon: No such container: nosuch\n"), (missing.ExitCode, missing.Stderr));

        // dockerd reports a command that cannot start inside the stream (stdout), with exit code 126 (not run's 127).
        var notFound = await session.RunAsync("exec", "box", "no-such-command");
        Assert.Equal(126, notFound.ExitCode);
        Assert.Matches("exec: \"no-such-command\": executable file not found in \\$PATH.*\r\n$", notFound.Stdout);

        var denied = await session.RunAsync("exec", "box", "/etc/hostname");
        Assert.Equal(126, denied.ExitCode);
        Assert.Contains("permission denied", denied.Stdout, StringComparison.Ordinal);

        var detachedMissing = await session.RunAsync("exec", "-d", "box", "no-such-command");
        Assert.Equal(1, detachedMissing.ExitCode);
        Assert.StartsWith("Error response from daemon: ", detachedMissing.Stderr, StringComparison.Ordinal);
        Assert.Contains("executable file not found", detachedMissing.Stderr, StringComparison.Ordinal);
    }
}
