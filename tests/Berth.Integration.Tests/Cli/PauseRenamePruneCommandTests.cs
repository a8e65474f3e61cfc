using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth pause`/`unpause`, `rename` and `container prune` against the shared berthd.</summary>
public sealed class PauseRenamePruneCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task PauseUnpause_FreezeAndThaw_PsShowsPaused_AndTheRefusalsAreDockers()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        string id = (await session.OkAsync("run", "-d", "--name", "box", session.Image, "sleep", "600")).Stdout.Trim();

        Assert.Equal("box\n", (await session.OkAsync("pause", "box")).Stdout);
        Assert.Contains(await session.StatusesAsync(), s => s.StartsWith("box Up ", StringComparison.Ordinal) && s.EndsWith(" (Paused)", StringComparison.Ordinal));
        string frozen = (await session.OkAsync("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "box")).Stdout;
        Assert.Equal("paused true\n", frozen);

        var again = await session.RunAsync("pause", "box");
        Assert.Equal((1, $"Error response from daemon: Container {id} is already paused\n"), (again.ExitCode, again.Stderr));
        var exec = await session.RunAsync("exec", "box", "true");
        Assert.Equal(1, exec.ExitCode);
        Assert.Contains("is paused, unpause the container before exec", exec.Stderr, StringComparison.Ordinal);

        Assert.Equal("box\n", (await session.OkAsync("container", "unpause", "box")).Stdout);
        Assert.DoesNotContain(await session.StatusesAsync(), s => s.Contains("Paused", StringComparison.Ordinal));
        var notPaused = await session.RunAsync("unpause", "box", "nosuch");
        Assert.Equal(1, notPaused.ExitCode);
        Assert.Equal($"Error response from daemon: Container {id} is not paused\nError response from daemon: No such container: nosuch\n", notPaused.Stderr);
        Assert.Equal("thawed\n", (await session.OkAsync("exec", "box", "echo", "thawed")).Stdout);
    }

    [Fact]
    public async Task Rename_TheNewNameFindsIt_TheOldOneIsFree_AndConflictsAreRefused()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        string id = (await session.OkAsync("run", "-d", "--name", "first", session.Image, "sleep", "600")).Stdout.Trim();
        string otherId = (await session.OkAsync("create", "--name", "taken", session.Image, "true")).Stdout.Trim();

        var renamed = await session.OkAsync("rename", "first", "second");
        Assert.Equal(string.Empty, renamed.Stdout + renamed.Stderr);
        Assert.Equal($"{id} /second\n", (await session.OkAsync("inspect", "-f", "{{.Id}} {{.Name}}", "second")).Stdout);
        Assert.Equal(1, (await session.RunAsync("inspect", "first")).ExitCode);
        Assert.Equal("second\n", (await session.OkAsync("exec", "second", "sh", "-c", "echo second")).Stdout);
        await session.OkAsync("container", "rename", "second", "/first");
        await session.OkAsync("create", "--name", "second", session.Image, "true");

        var conflict = await session.RunAsync("rename", "first", "taken");
        Assert.Equal(1, conflict.ExitCode);
        Assert.Equal("Error response from daemon: Error when allocating new name: Conflict. The container name \"/taken\" is already in use by container "
            + $"\"{otherId}\". You have to remove (or rename) that container to be able to reuse that name.\nError: failed to rename container named first\n",
            conflict.Stderr);

        var same = await session.RunAsync("rename", "first", "first");
        Assert.Equal((1, "Error response from daemon: Renaming a container with the same name as its current name\nError: failed to rename container named first\n"),
            (same.ExitCode, same.Stderr));
        var missing = await session.RunAsync("rename", "nosuch", "x");
        Assert.Equal((1, "Error response from daemon: No such container: nosuch\nError: failed to rename container named nosuch\n"), (missing.ExitCode, missing.Stderr));
    }

    [Fact]
    public async Task ContainerPrune_RemovesStoppedContainersOnly_AsksWithoutForce_FiltersByLabel()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "live", session.Image, "sleep", "600");
        string created = (await session.OkAsync("create", "--name", "made", session.Image, "true")).Stdout.Trim();
        await session.OkAsync("run", "--name", "done", session.Image, "sh", "-c", "echo 12345 > /written");
        string exited = (await session.OkAsync("inspect", "-f", "{{.Id}}", "done")).Stdout.Trim();
        string kept = (await session.OkAsync("create", "--name", "kept", "--label", "keep=yes", session.Image, "true")).Stdout.Trim();

        var declined = Expect(0, await session.RunWithStdinAsync("n\n", "container", "prune"));
        Assert.Equal("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ", declined.Stdout);
        Assert.Equal(4, (await session.StatusesAsync()).Count);

        var pruned = await session.OkAsync("container", "prune", "-f", "--filter", "label!=keep");

        // Newest first; what they wrote is what is reclaimed (the 6 bytes of /written).
        Assert.Equal($"Deleted Containers:\n{exited}\n{created}\n\nTotal reclaimed space: 6B\n", pruned.Stdout);
        var left = await session.StatusesAsync();
        Assert.Equal(["kept Created", "live"], left.Select(s => s.StartsWith("live Up", StringComparison.Ordinal) ? "live" : s).Order());
        Assert.Equal($"Deleted Containers:\n{kept}\n\nTotal reclaimed space: 0B\n", (await session.OkAsync("container", "prune", "--force")).Stdout);
        Assert.Equal("Total reclaimed space: 0B\n", (await session.OkAsync("container", "prune", "-f")).Stdout);
    }
}
