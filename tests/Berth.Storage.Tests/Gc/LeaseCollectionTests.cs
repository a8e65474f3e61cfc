using Berth.Core.Content;
using Berth.Core.Leases;
using Berth.Storage.Metadata;
using Berth.Storage.Tests.Metadata;

namespace Berth.Storage.Tests.Gc;

public sealed class LeaseCollectionTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Collect_UnexpiredLease_KeepsItsResourcesAndWhatTheyReference()
    {
        await _fixture.Scope("a").Leases.CreateAsync("pull", null, Ct);
        var digests = await GarbageCollectionTests.PullAsync(_fixture.Scope("a", "pull"), withImage: false);

        var result = await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal((0, 0), (result.Content, result.Snapshots));
        Assert.Equal(digests.Select(d => d.ToString()).Order(), _fixture.Content.Digests.Select(d => d.ToString()).Order());
        Assert.Equal(2, _fixture.Snapshots.Keys.Count);
    }

    [Fact]
    public async Task DeleteLease_Synchronous_RemovesWhatOnlyItKept()
    {
        await _fixture.Scope("a").Leases.CreateAsync("pull", null, Ct);
        await GarbageCollectionTests.PullAsync(_fixture.Scope("a", "pull"), withImage: false);

        await _fixture.Scope("a").Leases.DeleteAsync("pull", synchronous: true, Ct);

        Assert.Empty(_fixture.Content.Digests);
        Assert.Empty(_fixture.Snapshots.Keys);
    }

    [Fact]
    public async Task Collect_ExpiredLease_IsDeletedAndKeepsNothing()
    {
        var expiry = Rfc3339.Format(_fixture.Time.GetUtcNow().AddMinutes(5));
        await _fixture.Scope("a").Leases.CreateAsync("temp", new Dictionary<string, string> { ["containerd.io/gc.expire"] = expiry }, Ct);
        await MetadataFixture.WriteAsync(_fixture.Scope("a", "temp").Content, "temporary");

        var before = await _fixture.Store.GarbageCollector.CollectAsync(Ct);
        _fixture.Time.Advance(TimeSpan.FromMinutes(6));
        var after = await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal((0, 0), (before.Content, before.Leases));
        Assert.Equal((1, 1), (after.Content, after.Leases));
        Assert.Empty(_fixture.Content.Digests);
        Assert.Empty(await _fixture.Scope("a").Leases.ListAsync(null, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Collect_LeaseWithUnreadableExpiry_StillProtects()
    {
        await _fixture.Scope("a").Leases.CreateAsync("odd", new Dictionary<string, string> { ["containerd.io/gc.expire"] = "soon" }, Ct);
        var digest = await MetadataFixture.WriteAsync(_fixture.Scope("a", "odd").Content, "odd");

        var result = await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal((0, 0), (result.Content, result.Leases));
        Assert.Equal([digest], _fixture.Content.Digests);
    }

    [Fact]
    public async Task Collect_FlatLease_KeepsOnlyTheNamedResourcesAndSnapshotParents()
    {
        var scope = _fixture.Scope("a");
        var digests = await GarbageCollectionTests.PullAsync(scope, withImage: false);
        await scope.Leases.CreateAsync("flat", new Dictionary<string, string> { ["containerd.io/gc.flat"] = "" }, Ct);
        await scope.Leases.AddResourceAsync("flat", new LeaseResource(digests[0].ToString(), "content"), Ct);
        await scope.Leases.AddResourceAsync("flat", new LeaseResource("chain2", "snapshots/overlayfs"), Ct);
        var overlay = scope.Snapshotter(MetadataFixture.Overlay);
        await overlay.UpdateAsync((await overlay.StatAsync("chain2", Ct)) with
        {
            Labels = new Dictionary<string, string> { ["containerd.io/gc.ref.content.x"] = digests[3].ToString() },
        }, null, Ct);

        await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal([digests[0]], _fixture.Content.Digests);
        Assert.Equal(["chain1", "chain2"], (await overlay.WalkAsync(null, Ct).ToListAsync(Ct)).Select(s => s.Name));
    }

    [Fact]
    public async Task Collect_LeasedIngest_IsKeptUntilTheLeaseGoes()
    {
        await _fixture.Scope("a").Leases.CreateAsync("pull", null, Ct);
        var content = _fixture.Scope("a", "pull").Content;
        await using (var writer = await content.OpenWriterAsync(new ContentWriterOptions("partial"), Ct))
        {
            await writer.WriteAsync("half"u8.ToArray(), Ct);
        }

        await _fixture.Store.GarbageCollector.CollectAsync(Ct);
        Assert.Equal(4, (await content.StatusAsync("partial", Ct)).Offset);

        await _fixture.Scope("a").Leases.DeleteAsync("pull", synchronous: true, Ct);

        Assert.Empty(await content.ListStatusesAsync(null, Ct).ToListAsync(Ct));
        Assert.Empty(_fixture.Content.IngestRefs);
    }

    [Fact]
    public async Task Collect_UnleasedIngest_IsKept24HoursAfterItsLastWrite()
    {
        var content = _fixture.Scope("a").Content;
        await using (var writer = await content.OpenWriterAsync(new ContentWriterOptions("crashed"), Ct))
        {
            await writer.WriteAsync("some"u8.ToArray(), Ct);
        }

        _fixture.Time.Advance(TimeSpan.FromHours(23));
        var early = await _fixture.Store.GarbageCollector.CollectAsync(Ct);
        _fixture.Time.Advance(TimeSpan.FromHours(2));
        var late = await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal((0, 1), (early.Ingests, late.Ingests));
        Assert.Empty(_fixture.Content.IngestRefs);
        Assert.Empty(await content.ListStatusesAsync(null, Ct).ToListAsync(Ct));
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
