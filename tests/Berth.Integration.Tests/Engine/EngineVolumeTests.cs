using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Infrastructure.CtrTasks;

namespace Berth.Integration.Tests.Engine;

/// <summary>
/// Volumes through the engine against the shared berthd and runc: a named volume's files outlive the container that
/// wrote them and reach the next one, an empty volume is filled from the image (docker's copy-up), an anonymous volume
/// goes with <c>rm -v</c>, a volume in use cannot be removed, and prune takes only what no container uses.
/// </summary>
public sealed class EngineVolumeTests(EngineFixture engine)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NamedVolume_KeepsWhatOneContainerWrote_ForTheNext_AndCannotBeRemovedWhileInUse()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var volume = await client.Volumes.CreateAsync(new VolumeCreate("data") { Labels = new Dictionary<string, string> { ["k"] = "v" } }, Ct);
        Assert.Equal(("data", "local", "v"), (volume.Name, volume.Driver, volume.Labels["k"]));
        Assert.EndsWith("/volumes/" + client.Namespace + "/data/_data", volume.Mountpoint);

        var writer = await client.Engine.CreateAsync(Request("echo kept > /data/f") with { Volumes = [new VolumeMount("data", "/data")], AutoRemove = true }, Ct);
        var removed = client.Engine.WaitAsync(writer.Id, WaitCondition.Removed, Ct).AsTask();
        await client.Engine.StartAsync(writer.Id, Ct);
        Assert.Equal(0, (await removed).ExitCode);
        Assert.Equal("kept\n", await File.ReadAllTextAsync(Path.Join(volume.Mountpoint, "f"), Ct));

        var reader = await client.Engine.CreateAsync(Request("cat /data/f") with { Volumes = [new VolumeMount("data", "/data") { ReadOnly = true }] }, Ct);
        var (stdout, _) = await EngineLifecycleTests.RunAttachedAsync(client, reader.Id);
        Assert.Equal("kept\n", stdout);
        var mount = Assert.Single((await client.Engine.InspectAsync(reader.Id, Ct)).Mounts);
        Assert.Equal(("volume", "data", volume.Mountpoint, "/data", false), (mount.Type, mount.Name, mount.Source, mount.Destination, mount.ReadWrite));

        var inUse = await Assert.ThrowsAsync<FailedPreconditionException>(async () => await client.Volumes.RemoveAsync("data", cancellationToken: Ct));
        Assert.Equal($"remove data: volume is in use - [{reader.Id}]", inUse.Message);
        await client.Engine.RemoveAsync(reader.Id, cancellationToken: Ct);
        Assert.Empty(await client.Volumes.PruneAsync(cancellationToken: Ct));
        Assert.Equal(["data"], await client.Volumes.PruneAsync(all: true, Ct));
        var gone = await Assert.ThrowsAsync<NotFoundException>(async () => await client.Volumes.InspectAsync("data", Ct));
        Assert.Equal("get data: no such volume", gone.Message);
    }

    [Fact]
    public async Task EmptyVolume_IsFilledFromTheImage_AndAnAnonymousOneGoesWithRemoveV()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("ls /copied; echo x > /anon/y") with
        {
            Volumes = [new VolumeMount("copied", "/bin"), new VolumeMount(null, "/anon")],
        }, Ct);
        var copied = await client.Volumes.InspectAsync("copied", Ct);
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(copied.Mountpoint));
        Assert.Contains("sh", Directory.EnumerateFileSystemEntries(copied.Mountpoint).Select(Path.GetFileName));

        var anonymous = (await client.Engine.InspectAsync(created.Id, Ct)).Mounts.Single(m => m.Destination == "/anon");
        Assert.Matches("^[0-9a-f]{64}$", anonymous.Name);
        Assert.True((await client.Volumes.InspectAsync(anonymous.Name, Ct)).Anonymous);

        await client.Engine.RemoveAsync(created.Id, volumes: true, cancellationToken: Ct);
        await Assert.ThrowsAsync<NotFoundException>(async () => await client.Volumes.InspectAsync(anonymous.Name, Ct));
        Assert.Equal("copied", (await client.Volumes.InspectAsync("copied", Ct)).Name);
        await client.Volumes.RemoveAsync("copied", cancellationToken: Ct);
    }

    private ContainerCreate Request(string script)
        => new(engine.BusyboxRef) { Spec = new ContainerSpecOptions { Command = ["sh", "-c", script] } };
}
