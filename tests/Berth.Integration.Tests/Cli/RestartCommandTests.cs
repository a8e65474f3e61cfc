using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth restart` against the shared berthd: a new run of the same container (a new pid, the restart count left to the
/// policy's restarts as docker leaves it), an --rm container kept through the stop restart makes, a stopped container
/// simply started, and dockerd's events in its order: the stop's kill, die and stop, then start and restart.
/// </summary>
public sealed class RestartCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Restart_RunsTheContainerAgain_KeepsAnRmContainer_AndPublishesDockersEvents()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        string since = UnixSeconds(DateTimeOffset.UtcNow);
        string id = (await session.OkAsync("run", "-d", "--rm", "--name", "kept", session.Image, "sleep", "600")).Stdout.Trim();
        string pid = (await session.OkAsync("inspect", "-f", "{{.State.Pid}}", "kept")).Stdout.Trim();

        Assert.Equal("kept\n", (await session.OkAsync("restart", "-t", "0", "kept")).Stdout);
        var after = (await session.OkAsync("inspect", "-f", "{{.State.Running}} {{.State.Pid}} {{.RestartCount}} {{.HostConfig.AutoRemove}}", "kept")).Stdout.Trim().Split(' ');
        Assert.Equal(("true", "0", "true"), (after[0], after[2], after[3]));
        Assert.NotEqual(pid, after[1]);
        string until = UnixSeconds(DateTimeOffset.UtcNow.AddMilliseconds(200));

        var events = (await session.OkAsync("events", "--since", since, "--until", until, "-f", "container=kept",
            "--format", "{{.Action}} {{.Actor.Attributes.signal}}{{.Actor.Attributes.exitCode}}")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["create <no value><no value>", "start <no value><no value>", "kill 15<no value>", "kill 9<no value>",
            "die <no value>137", "stop <no value><no value>", "start <no value><no value>", "restart <no value><no value>"], events);

        // Still --rm: once it ends by itself, it goes.
        await session.OkAsync("kill", "kept");
        var deadline = DateTime.UtcNow + ContainerCliSession.Timeout;
        while ((await session.OkAsync("ps", "-aq", "-f", $"id={id}")).Stdout.Length > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the --rm container stayed after its exit");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Restart_AgainAndAgain_EachTimeANewRunOnTheSameShimSocketPath()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "again", session.Image, "sleep", "600");
        var pids = new HashSet<string>();
        for (int i = 0; i < 8; i++)
        {
            // The next run's shim takes the path of the one just shut down (a CI run once found it still taken).
            Assert.Equal("again\n", (await session.OkAsync("restart", "-t", "0", "again")).Stdout);
            Assert.True(pids.Add((await session.OkAsync("inspect", "-f", "{{.State.Pid}}", "again")).Stdout.Trim()));
        }

        Assert.Equal("true\n", (await session.OkAsync("inspect", "-f", "{{.State.Running}}", "again")).Stdout);
    }

    [Fact]
    public async Task Restart_AStoppedContainer_StartsIt_AndAMissingOneFailsAsDocker()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "--name", "done", session.Image, "sh", "-c", "echo ran");
        Assert.Equal("done\n", (await session.OkAsync("restart", "done")).Stdout);
        Assert.Equal("0\n", (await session.OkAsync("wait", "done")).Stdout);
        Assert.Equal("ran\nran\n", (await session.OkAsync("logs", "done")).Stdout);

        var missing = Expect(1, await session.RunAsync("restart", "done", "nosuch"));
        Assert.Equal("done\n", missing.Stdout);
        Assert.Equal("Error response from daemon: No such container: nosuch\n", missing.Stderr);
    }
}
