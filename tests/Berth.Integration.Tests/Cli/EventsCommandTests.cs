using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth events` end to end against the shared berthd: the events of a scripted session in dockerd 20.10's order and
/// words (as it printed them for the same steps), replayed by --since/--until and streamed live with filters.
/// </summary>
public sealed partial class EventsCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Events_SinceUntil_ReplaysTheSessionAsDockerPrintsIt()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        string since = UnixSeconds(DateTimeOffset.UtcNow);
        string id = (await session.OkAsync("create", "--name", "web", "--label", "zz=1", "--label", "aa=2", session.Image, "sleep", "600")).Stdout.Trim();
        await session.OkAsync("start", "web");
        await session.OkAsync("exec", "web", "true");
        await session.OkAsync("pause", "web");
        await session.OkAsync("unpause", "web");
        await session.OkAsync("rename", "web", "web2");
        await session.OkAsync("kill", "-s", "USR1", "web2");
        await session.OkAsync("stop", "-t", "1", "web2");
        await session.OkAsync("rm", "web2");
        await session.OkAsync("volume", "create", "vv");
        await session.OkAsync("run", "--rm", "--name", "once", "-v", "vv:/p", session.Image, "true");
        await session.OkAsync("volume", "rm", "vv");
        string until = UnixSeconds(DateTimeOffset.UtcNow.AddMilliseconds(200));

        var printed = (await session.OkAsync("events", "--since", since, "--until", until)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(printed, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) ", line));
        var lines = printed.Select(line => line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToList();
        string web = $"aa=2, image={session.Image}, name=web, zz=1", web2 = $"aa=2, image={session.Image}, name=web2, zz=1";
        string exec = Assert.Single(ExecId().Matches(lines[2])).Groups[1].Value;
        string once = lines[16].Split(' ')[2];
        Assert.Equal(
        [
            $"container create {id} ({web})",
            $"container start {id} ({web})",
            $"container exec_create: true  {id} (aa=2, execID={exec}, image={session.Image}, name=web, zz=1)",
            $"container exec_start: true  {id} (aa=2, execID={exec}, image={session.Image}, name=web, zz=1)",
            $"container exec_die {id} (aa=2, execID={exec}, exitCode=0, image={session.Image}, name=web, zz=1)",
            $"container pause {id} ({web})",
            $"container unpause {id} ({web})",
            $"container rename {id} (aa=2, image={session.Image}, name=web2, oldName=/web, zz=1)",
            $"container kill {id} (aa=2, image={session.Image}, name=web2, signal=10, zz=1)",
            $"container kill {id} (aa=2, image={session.Image}, name=web2, signal=15, zz=1)",
            $"container kill {id} (aa=2, image={session.Image}, name=web2, signal=9, zz=1)",
            $"container die {id} (aa=2, exitCode=137, image={session.Image}, name=web2, zz=1)",
            $"container stop {id} ({web2})",
            $"container destroy {id} ({web2})",
            "volume create vv (driver=local)",
            "volume create vv (driver=local)",
            $"container create {once} (image={session.Image}, name=once)",
            $"container attach {once} (image={session.Image}, name=once)",
            $"volume mount vv (container={once}, destination=/p, driver=local, propagation=, read/write=true)",
            $"container start {once} (image={session.Image}, name=once)",
            $"container die {once} (exitCode=0, image={session.Image}, name=once)",
            $"volume unmount vv (container={once}, driver=local)",
            $"container destroy {once} (image={session.Image}, name=once)",
            "volume destroy vv (driver=local)",
        ], lines);

        // Filters as dockerd matches them: a name's start, an action without its command, labels all matching.
        string Filtered(ProcessResult result) => string.Join(",", result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("create,attach,start,die,destroy", Filtered(await session.OkAsync("events", "--since", since, "--until", until, "-f", "container=on", "--format", "{{.Action}}")));
        Assert.Equal("exec_create: true ,die,die", Filtered(await session.OkAsync("events", "--since", since, "--until", until,
            "-f", "event=exec_create", "-f", "event=die", "--format", "{{.Action}}")));
        Assert.Equal("create,create,mount,unmount,destroy", Filtered(await session.OkAsync("events", "--since", since, "--until", until,
            "-f", "type=volume", "--format", "{{.Action}}")));
        Assert.Equal("14,0", Filtered(await session.OkAsync("events", "--since", since, "--until", until, "-f", "label=aa=2", "-f", "label=zz", "--format", "{{.Action}}")).Split(',').Length + ","
            + Filtered(await session.OkAsync("events", "--since", since, "--until", until, "-f", "label=aa=2", "-f", "label=zz=5")).Length);

        // json: docker's message, its legacy fields first; a template sees the Go fields.
        using var created = JsonDocument.Parse((await session.OkAsync("events", "--since", since, "--until", until, "-f", "event=create", "-f", "type=container", "--format", "json")).Stdout.Split('\n')[0]);
        Assert.Equal(["status", "id", "from", "Type", "Action", "Actor", "scope", "time", "timeNano"], created.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal((id, session.Image, "local"), (created.RootElement.GetProperty("id").GetString(), created.RootElement.GetProperty("from").GetString(),
            created.RootElement.GetProperty("scope").GetString()));
        long nano = created.RootElement.GetProperty("timeNano").GetInt64();
        Assert.Equal($"{nano / 1_000_000_000} {nano} create {id} {session.Image} web\n", (await session.OkAsync("events", "--since", since, "--until", until,
            "-f", "event=create", "-f", "container=web", "--format", "{{.Time}} {{.TimeNano}} {{.Status}} {{.ID}} {{.From}} {{.Actor.Attributes.name}}")).Stdout);

        // Another namespace saw none of it.
        Assert.Equal(string.Empty, (await BerthCli.RunAsync(session.Daemon, "--namespace", session.Namespace + "-other", "events", "--since", since, "--until", until)).Stdout);
    }

    [Fact]
    public async Task Events_Streaming_PrintsEachFilteredEventAsItHappens()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        string since = UnixSeconds(DateTimeOffset.UtcNow);
        await session.OkAsync("create", "--name", "early", session.Image, "true");
        using var events = RunningProcess.StartBerth(session.Daemon, "--namespace", session.Namespace, "events", "--since", since,
            "-f", "container=early", "-f", "container=late", "-f", "event=create", "-f", "event=die",
            "--format", "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}");
        await events.WaitForLineAsync(line => line == "create early <no value>", ContainerCliSession.Timeout);

        await session.OkAsync("run", "--name", "other", session.Image, "true");
        Expect(3, await session.RunAsync("run", "--name", "late", session.Image, "sh", "-c", "exit 3"));
        await events.WaitForLineAsync(line => line == "die late 3", ContainerCliSession.Timeout);

        Assert.Equal(["create early <no value>", "create late <no value>", "die late 3"], events.StdoutLines);
        await events.KillAsync();
    }

    [Fact]
    public async Task Events_BadValues_FailAsDocker()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        Assert.Equal("failed to parse value as time or duration: \"abc\"\n", Expect(1, await session.RunAsync("events", "--since", "abc")).Stderr);
        Assert.StartsWith("invalid argument \"bad\" for \"-f, --filter\" flag: bad format of filter (expected name=value)",
            Expect(125, await session.RunAsync("events", "-f", "bad")).Stderr, StringComparison.Ordinal);
        Assert.StartsWith("Error parsing format: ", Expect(64, await session.RunAsync("events", "--format", "{{.Foo")).Stderr, StringComparison.Ordinal);
        // A past until: the stored events, then the end, at once.
        Assert.Equal(string.Empty, (await session.OkAsync("system", "events", "--since", "0", "--until", "1")).Stdout);
    }

    [GeneratedRegex("execID=([0-9a-f]{64})")]
    private static partial Regex ExecId();
}
