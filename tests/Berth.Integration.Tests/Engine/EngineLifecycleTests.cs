using System.Text;
using Berth.Client;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Infrastructure.CtrTasks;

namespace Berth.Integration.Tests.Engine;

/// <summary>
/// berthd's container engine through the SDK (<c>BerthClient.Engine</c>) against the shared berthd and real runc: a
/// container's whole life (create, attach before start, output by stream, exit code, json-file log, list, inspect,
/// remove), names and their conflicts, a missing image, and <c>--rm</c>.
/// </summary>
public sealed class EngineLifecycleTests(EngineFixture engine)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_AttachedBeforeStart_GetsEveryLineByStream_AndTheLogKeepsThem()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("echo out; echo err >&2; exit 3") with { Name = "life" }, Ct);
        Assert.Matches("^[0-9a-f]{64}$", created.Id);

        var (stdout, stderr) = await RunAttachedAsync(client, created.Id);
        Assert.Equal(("out\n", "err\n"), (stdout, stderr));
        Assert.Equal(3, (await client.Engine.WaitAsync("life", WaitCondition.NotRunning, Ct)).ExitCode);

        var details = await client.Engine.InspectAsync(created.Id[..12], Ct);
        Assert.Equal(("life", ContainerStatus.Exited, 3, 0), (details.Name, details.State.Status, details.State.ExitCode, details.State.Pid));
        Assert.Equal(["sh", "-c", "echo out; echo err >&2; exit 3"], details.Args);
        Assert.Equal(created.Id[..12], details.Hostname);
        Assert.StartsWith("sha256:", details.ImageId);
        Assert.True(details.State.FinishedAt >= details.State.StartedAt);
        Assert.Contains(await client.Engine.ListAsync(Ct), d => d.Id == created.Id);

        var log = await client.Engine.LogsAsync("life", new LogsRequest(), Ct).ToListAsync(Ct);
        Assert.Equal([(LogStream.Stdout, "out\n"), (LogStream.Stderr, "err\n")], log.Select(e => (e.Stream, e.Text)).OrderBy(e => e.Stream));
        Assert.Contains("\"log\":\"out\\n\",\"stream\":\"stdout\"", await File.ReadAllTextAsync(details.LogPath, Ct));

        await client.Engine.RemoveAsync("life", cancellationToken: Ct);
        Assert.False(File.Exists(details.LogPath));
        var gone = await Assert.ThrowsAsync<NotFoundException>(async () => await client.Engine.InspectAsync("life", Ct));
        Assert.Equal("No such container: life", gone.Message);
    }

    [Fact]
    public async Task Create_NameInUse_IsRefusedInDockersWords_AndAMissingImageIsNamed()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var first = await client.Engine.CreateAsync(Request("true") with { Name = "taken" }, Ct);
        var conflict = await Assert.ThrowsAsync<AlreadyExistsException>(async () => await client.Engine.CreateAsync(Request("true") with { Name = "taken" }, Ct));
        Assert.Equal(
            $"Conflict. The container name \"/taken\" is already in use by container \"{first.Id}\". You have to remove (or rename) that container to be able to reuse that name.",
            conflict.Message);
        var missing = await Assert.ThrowsAsync<NotFoundException>(async () => await client.Engine.CreateAsync(new ContainerCreate("nothing-here:v9"), Ct));
        Assert.Equal("No such image: nothing-here:v9", missing.Message);

        var generated = await client.Engine.CreateAsync(Request("true"), Ct);
        Assert.Matches("^[a-z]+_[a-z]+[0-9]?$", (await client.Engine.InspectAsync(generated.Id, Ct)).Name);
        await client.Engine.RemoveAsync(first.Id, cancellationToken: Ct);
        await client.Engine.RemoveAsync(generated.Id, cancellationToken: Ct);
    }

    [Fact]
    public async Task AutoRemove_TheContainerIsGoneAfterItsExit_AndWaitForRemovalGivesItsCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("exit 7") with { AutoRemove = true }, Ct);
        var removed = client.Engine.WaitAsync(created.Id, WaitCondition.Removed, Ct).AsTask();
        await client.Engine.StartAsync(created.Id, Ct);
        Assert.Equal(7, (await removed).ExitCode);
        Assert.Equal(7, (await client.Engine.WaitAsync(created.Id, WaitCondition.Removed, Ct)).ExitCode);
        await Assert.ThrowsAsync<NotFoundException>(async () => await client.Engine.InspectAsync(created.Id, Ct));
        Assert.DoesNotContain(created.Id, await client.Snapshotter("overlayfs").WalkAsync(cancellationToken: Ct).Select(s => s.Name).ToListAsync(Ct));
    }

    private ContainerCreate Request(string script)
        => new(engine.BusyboxRef) { Spec = new ContainerSpecOptions { Command = ["sh", "-c", script] } };

    /// <summary>Attaches, starts, reads the output to its end, by stream, and waits for the exit.</summary>
    internal static async Task<(string Stdout, string Stderr)> RunAttachedAsync(IBerthClient client, string id)
    {
        await using var attachment = await client.Engine.AttachAsync(id, new AttachStreams(false, true, true), Ct);
        await client.Engine.StartAsync(id, Ct);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        await foreach (var chunk in attachment.ReadOutputAsync(Ct))
        {
            (chunk.Stream == LogStream.Stdout ? stdout : stderr).Append(Encoding.UTF8.GetString(chunk.Data.Span));
        }

        // As `berth run` does: the output ends a moment before the exit is recorded.
        await client.Engine.WaitAsync(id, WaitCondition.NotRunning, Ct);
        return (stdout.ToString(), stderr.ToString());
    }
}
