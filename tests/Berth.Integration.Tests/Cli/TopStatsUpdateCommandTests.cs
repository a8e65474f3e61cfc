using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth top`, `stats` and `update` against the shared berthd, checked against the container's cgroup as the host sees it.</summary>
public sealed class TopStatsUpdateCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Top_ShowsTheContainersProcessesOnly_AndRefusesAStoppedContainer()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "busy", session.Image, "sleep", "4242");
        string pid = (await session.OkAsync("inspect", "-f", "{{.State.Pid}}", "busy")).Stdout.Trim();

        string[] lines = (await session.OkAsync("top", "busy")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        string process = Assert.Single(lines[1..]);
        Assert.Equal(pid, process.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.EndsWith("sleep 4242", process, StringComparison.Ordinal);

        // ps's own options after the container, as in docker: only the columns asked for.
        Assert.Equal($"PID                 COMMAND\n{pid,-20}sleep\n", (await session.OkAsync("container", "top", "busy", "-o", "pid,comm")).Stdout);

        string created = (await session.OkAsync("create", "--name", "idle", session.Image, "true")).Stdout.Trim();
        var refused = await session.RunAsync("top", "idle");
        Assert.Equal((1, $"Error response from daemon: Container {created} is not running\n"), (refused.ExitCode, refused.Stderr));
    }

    [Fact]
    public async Task StatsNoStream_ShowsTheMemoryLimitAndThePids_InDockersTable()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "limited", "-m", "64m", session.Image, "sh", "-c", "sleep 1000 & sleep 1000 & wait");
        await session.OkAsync("create", "--name", "stopped", session.Image, "true");

        string[] table = (await session.OkAsync("stats", "--no-stream")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS", table[0]);
        string row = Assert.Single(table[1..]);
        string[] cells = row.Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("limited", cells[1]);
        Assert.EndsWith("%", cells[2], StringComparison.Ordinal);
        Assert.Matches(@"^[0-9.]+(B|KiB|MiB) / 64MiB$", cells[3]);
        Assert.Equal("3", cells[^1]);

        string json = (await session.OkAsync("stats", "--no-stream", "--format", "{{json .}}", "limited")).Stdout;
        Assert.Contains("\"Container\":\"limited\"", json, StringComparison.Ordinal);
        Assert.Contains("\"PIDs\":\"3\"", json, StringComparison.Ordinal);

        var all = (await session.OkAsync("stats", "--no-stream", "-a", "--format", "{{.Name}}: {{.MemUsage}} {{.PIDs}}")).Stdout;
        Assert.Contains("stopped: 0B / 0B 0\n", all, StringComparison.Ordinal);

        var missing = await session.RunAsync("stats", "--no-stream", "limited", "nosuch");
        Assert.Equal((1, string.Empty, "Error response from daemon: No such container: nosuch\n"), (missing.ExitCode, missing.Stdout, missing.Stderr));
    }

    [Fact]
    public async Task Update_ChangesTheLiveCgroupAndTheRecord_AndKeepsThemOverARestart()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "grow", "-m", "64m", "--pids-limit", "50", session.Image, "sleep", "1000");
        var cgroup = await HostCgroup.OfAsync(session, "grow");
        Assert.Equal(64L << 20, cgroup.MemoryLimit());

        var updated = await session.OkAsync("update", "-m", "96m", "--pids-limit", "20", "--cpus", "0.5", "--restart", "on-failure:2", "grow");
        Assert.Equal("grow\n", updated.Stdout);

        Assert.Equal(96L << 20, cgroup.MemoryLimit());
        Assert.Equal("20", cgroup.Read("pids", "pids.max"));
        Assert.Equal((50_000L, 100_000L), cgroup.CpuQuota());
        const string Fields = "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.PidsLimit}} {{.HostConfig.NanoCpus}} {{.HostConfig.RestartPolicy.Name}}";
        string expected = $"{96L << 20} {128L << 20} 20 500000000 on-failure\n";
        Assert.Equal(expected, (await session.OkAsync("inspect", "-f", Fields, "grow")).Stdout);

        await session.OkAsync("restart", "-t", "0", "grow");
        Assert.Equal(expected, (await session.OkAsync("inspect", "-f", Fields, "grow")).Stdout);
        Assert.Equal(96L << 20, (await HostCgroup.OfAsync(session, "grow")).MemoryLimit());
    }

    [Fact]
    public async Task Update_RefusesWhatDockerdRefuses()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        string id = (await session.OkAsync("run", "-d", "--name", "plain", session.Image, "sleep", "1000")).Stdout.Trim();

        var tiny = await session.RunAsync("update", "-m", "1k", "plain");
        Assert.Equal((1, "Error response from daemon: Minimum memory limit allowed is 6MB\n"), (tiny.ExitCode, tiny.Stderr));
        var swap = await session.RunAsync("update", "-m", "100m", "plain", "nosuch");
        Assert.Equal(1, swap.ExitCode);
        Assert.Equal($"Error response from daemon: Cannot update container {id}: Memory limit should be smaller than already set memoryswap limit, "
            + "update the memoryswap at the same time\nError response from daemon: No such container: nosuch\n", swap.Stderr);
        var none = await session.RunAsync("update", "plain");
        Assert.Equal((1, "you must provide one or more flags when using this command\n"), (none.ExitCode, none.Stderr));
        Assert.Equal("plain\n", (await session.OkAsync("update", "-m", "100m", "--memory-swap", "200m", "plain")).Stdout);
        Assert.Equal(100L << 20, (await HostCgroup.OfAsync(session, "plain")).MemoryLimit());
    }
}
