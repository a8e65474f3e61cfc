using System.Diagnostics;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>`create` + `start -a`, `stop -t`, `kill -s`, `restart`, `rm -f` and `wait` end to end against the shared berthd.</summary>
public sealed class LifecycleCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task CreateThenStartAttached_StreamsAndGivesTheExitCode_StartAgainRunsItAgain()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);

        string id = (await session.OkAsync("create", "--name", "made", session.Image, "sh", "-c", "echo started; echo err >&2; exit 4")).Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Contains("made Created", await session.StatusesAsync());

        var attached = await session.RunAsync("start", "-a", "made");
        Assert.Equal((4, "started\n", "err\n"), (attached.ExitCode, attached.Stdout, attached.Stderr));
        Assert.Equal("made\n", (await session.OkAsync("container", "start", "made")).Stdout);
        Assert.Equal("4\n", (await session.OkAsync("wait", "made")).Stdout);
        Assert.Equal("started\nstarted\n", (await session.OkAsync("logs", "made")).Stdout);
    }

    [Fact]
    public async Task StopWithTimeout_KillsAProcessThatIgnoresSigterm_AfterThatTimeoutNotItsOwn()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        // sleep as pid 1 has no handler for SIGTERM, which the kernel then drops: only the SIGKILL after -t ends it. Its own
        // stop timeout is long, so a stop that ends within a minute used -t (the bound leaves room for a loaded machine).
        await session.OkAsync("run", "-d", "--name", "stubborn", "--stop-timeout", "600", session.Image, "sleep", "600");

        var clock = Stopwatch.StartNew();
        Assert.Equal("stubborn\n", (await session.OkAsync("stop", "-t", "1", "stubborn")).Stdout);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(60));
        Assert.Contains(await session.StatusesAsync(), s => s.StartsWith("stubborn Exited (137) ", StringComparison.Ordinal));
        Assert.Equal("137\n", (await session.OkAsync("inspect", "-f", "{{.State.ExitCode}}", "stubborn")).Stdout);
    }

    [Fact]
    public async Task KillWithSignal_TheContainerTrapsIt_WaitPrintsItsCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "trapper", session.Image,
            "sh", "-c", "trap 'echo got USR1; exit 9' USR1; echo ready; while true; do sleep 1; done");
        await WaitForLogAsync(session, "trapper", "ready");

        var wait = session.RunAsync("wait", "trapper");
        Assert.Equal("trapper\n", (await session.OkAsync("kill", "-s", "USR1", "trapper")).Stdout);

        Assert.Equal("9\n", Expect(0, await wait).Stdout);
        Assert.Equal("ready\ngot USR1\n", (await session.OkAsync("logs", "trapper")).Stdout);
        var notRunning = await session.RunAsync("kill", "trapper");
        Assert.Equal(1, notRunning.ExitCode);
        Assert.Contains("is not running", notRunning.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_StopsAndStartsItAgain_RmForceRemovesARunningOne()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "again", session.Image, "sh", "-c", "echo run; sleep 600");
        await WaitForLogAsync(session, "again", "run");
        string firstPid = (await session.OkAsync("inspect", "-f", "{{.State.Pid}}", "again")).Stdout;

        Assert.Equal("again\n", (await session.OkAsync("restart", "-t", "1", "again")).Stdout);

        await WaitForLogAsync(session, "again", "run\nrun");
        Assert.Contains(await session.StatusesAsync(), s => s.StartsWith("again Up ", StringComparison.Ordinal));
        Assert.NotEqual(firstPid, (await session.OkAsync("inspect", "-f", "{{.State.Pid}}", "again")).Stdout);

        var refused = await session.RunAsync("rm", "again");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("again\n", (await session.OkAsync("rm", "-f", "again")).Stdout);
        Assert.Empty(await session.StatusesAsync());
        Assert.Equal(string.Empty, (await session.OkAsync("rm", "-f", "again")).Stdout);
        Assert.Equal(1, (await session.RunAsync("rm", "again")).ExitCode);
    }

    private static async Task WaitForLogAsync(ContainerCliSession session, string name, string text)
    {
        for (int i = 0; i < 100 && !(await session.OkAsync("logs", name)).Stdout.Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(text, (await session.OkAsync("logs", name)).Stdout, StringComparison.Ordinal);
    }
}
