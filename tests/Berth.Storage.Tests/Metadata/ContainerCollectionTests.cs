using Berth.Core.Errors;
using Berth.Storage.Tests.Gc;

namespace Berth.Storage.Tests.Metadata;

/// <summary>Containers as collection roots: what ctr containers create and rm leave to the collector.</summary>
public sealed class ContainerCollectionTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Collect_KeepsAContainersSnapshotAndItsParents_UntilTheContainerIsDeleted()
    {
        // As ctr: the image's snapshots (unreferenced here) and the container's active snapshot are made under a
        // lease, the container is created, and the lease is deleted.
        await _fixture.Scope("a").Leases.CreateAsync("create", null, Ct);
        var leased = _fixture.Scope("a", "create");
        await GarbageCollectionTests.PullAsync(leased, withImage: false);
        await leased.Snapshotter(MetadataFixture.Overlay).PrepareAsync("web", "chain2", null, Ct);
        await leased.Containers.CreateAsync(ContainerStoreTests.Web(), Ct);
        await _fixture.Scope("a").Leases.DeleteAsync("create", synchronous: true, Ct);

        var snapshots = _fixture.Scope("a").Snapshotter(MetadataFixture.Overlay);
        Assert.Equal(["chain1", "chain2", "web"], await snapshots.WalkAsync(null, Ct).Select(s => s.Name).Order().ToListAsync(Ct));
        Assert.Equal(3, _fixture.Snapshots.Keys.Count);
        Assert.Empty(_fixture.Content.Digests);

        await _fixture.Scope("a").Containers.DeleteAsync("web", Ct);
        var result = await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal(3, result.Snapshots);
        Assert.Empty(await snapshots.WalkAsync(null, Ct).ToListAsync(Ct));
        Assert.Empty(_fixture.Snapshots.Keys);
    }

    [Fact]
    public async Task Collect_KeepsWhatAContainersGcRefLabelsName()
    {
        var scope = _fixture.Scope("a");
        var checkpoint = await MetadataFixture.WriteAsync(scope.Content, "checkpoint");
        await MetadataFixture.WriteAsync(scope.Content, "loose");
        await scope.Snapshotter(MetadataFixture.Native).PrepareAsync("scratch", null, null, Ct);
        await scope.Containers.CreateAsync(ContainerStoreTests.Web() with
        {
            Snapshotter = "",
            SnapshotKey = "",
            Labels = new Dictionary<string, string>
            {
                ["containerd.io/gc.ref.content.checkpoint"] = checkpoint.ToString(),
                ["containerd.io/gc.ref.snapshot.native"] = "scratch",
            },
        }, Ct);

        await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal([checkpoint], _fixture.Content.Digests);
        Assert.Single(_fixture.NativeSnapshots.Keys);
    }

    [Fact]
    public async Task Collect_ContainerWhoseSnapshotDoesNotExist_KeepsNothingElse()
    {
        var scope = _fixture.Scope("a");
        await scope.Snapshotter(MetadataFixture.Overlay).PrepareAsync("other", null, null, Ct);
        await scope.Containers.CreateAsync(ContainerStoreTests.Web() with { SnapshotKey = "never-prepared" }, Ct);

        await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Empty(_fixture.Snapshots.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Snapshotter(MetadataFixture.Overlay).StatAsync("other", Ct).AsTask());
        Assert.Equal("never-prepared", (await scope.Containers.GetAsync("web", Ct)).SnapshotKey);
    }

    [Fact]
    public async Task Collect_ContainersOfOneNamespace_DoNotKeepAnotherNamespacesSnapshots()
    {
        await _fixture.Scope("b").Snapshotter(MetadataFixture.Overlay).PrepareAsync("web", null, null, Ct);
        await _fixture.Scope("a").Containers.CreateAsync(ContainerStoreTests.Web(), Ct);

        await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Empty(_fixture.Snapshots.Keys);
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
