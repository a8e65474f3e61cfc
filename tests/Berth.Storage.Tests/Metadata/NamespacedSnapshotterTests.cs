using Berth.Core.Errors;
using Berth.Core.Snapshots;

namespace Berth.Storage.Tests.Metadata;

public sealed class NamespacedSnapshotterTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ISnapshotter Overlay(string ns) => _fixture.Scope(ns).Snapshotter(MetadataFixture.Overlay);

    [Fact]
    public async Task Chain_PrepareCommitView_RecordsParentsAndKinds()
    {
        var sn = Overlay("a");
        await sn.PrepareAsync("extract-1", null, null, Ct);
        await sn.CommitAsync("layer1", "extract-1", new Dictionary<string, string> { ["l"] = "1" }, Ct);
        await sn.PrepareAsync("extract-2", "layer1", null, Ct);
        await sn.CommitAsync("layer2", "extract-2", null, Ct);

        var mounts = await sn.ViewAsync("view", "layer2", null, Ct);

        Assert.Contains("ro", mounts[0].Options);
        var layer2 = await sn.StatAsync("layer2", Ct);
        Assert.Equal(("layer2", "layer1", SnapshotKind.Committed), (layer2.Name, layer2.Parent, layer2.Kind));
        Assert.Equal("1", (await sn.StatAsync("layer1", Ct)).Labels["l"]);
        Assert.Equal(SnapshotKind.View, (await sn.StatAsync("view", Ct)).Kind);
        await Assert.ThrowsAsync<NotFoundException>(() => sn.StatAsync("extract-1", Ct).AsTask());
        Assert.Equal(3, _fixture.Snapshots.Keys.Count);
        Assert.All(_fixture.Snapshots.Keys, key => Assert.StartsWith("a/", key));
    }

    [Fact]
    public async Task Snapshots_AreIsolatedBetweenNamespaces()
    {
        await Overlay("a").PrepareAsync("k", null, null, Ct);
        await Overlay("a").CommitAsync("base", "k", null, Ct);

        await Overlay("b").PrepareAsync("k", null, null, Ct);
        await Assert.ThrowsAsync<NotFoundException>(() => Overlay("b").StatAsync("base", Ct).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => Overlay("b").PrepareAsync("child", "base", null, Ct).AsTask());
        Assert.Equal(["k"], (await Overlay("b").WalkAsync(null, Ct).ToListAsync(Ct)).Select(s => s.Name));
        await Assert.ThrowsAsync<NotFoundException>(
            () => _fixture.Scope("a").Snapshotter(MetadataFixture.Native).StatAsync("base", Ct).AsTask());
    }

    [Fact]
    public async Task Prepare_ExistingKey_ThrowsAlreadyExists()
    {
        await Overlay("a").PrepareAsync("k", null, null, Ct);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Overlay("a").PrepareAsync("k", null, null, Ct).AsTask());
        Assert.Single(_fixture.Snapshots.Keys);
    }

    [Fact]
    public async Task Prepare_ActiveParent_ThrowsInvalidArgument()
    {
        await Overlay("a").PrepareAsync("active", null, null, Ct);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => Overlay("a").PrepareAsync("child", "active", null, Ct).AsTask());
    }

    [Fact]
    public async Task Prepare_TargetLabelOfExistingSnapshot_ThrowsAlreadyExists()
    {
        await Overlay("a").PrepareAsync("k", null, null, Ct);
        await Overlay("a").CommitAsync("sha256:chain", "k", null, Ct);
        var labels = new Dictionary<string, string> { ["containerd.io/snapshot.ref"] = "sha256:chain" };

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Overlay("a").PrepareAsync("extract", null, labels, Ct).AsTask());
    }

    [Fact]
    public async Task Commit_ViewOrMissing_Throws()
    {
        await Overlay("a").PrepareAsync("base-key", null, null, Ct);
        await Overlay("a").CommitAsync("base", "base-key", null, Ct);
        await Overlay("a").ViewAsync("view", "base", null, Ct);

        await Assert.ThrowsAsync<FailedPreconditionException>(() => Overlay("a").CommitAsync("x", "view", null, Ct).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => Overlay("a").CommitAsync("x", "missing", null, Ct).AsTask());
        await Assert.ThrowsAsync<AlreadyExistsException>(() => Overlay("a").CommitAsync("base", "view", null, Ct).AsTask());
    }

    [Fact]
    public async Task Remove_WithChildren_ThrowsFailedPrecondition_ThenChildFirstSucceeds()
    {
        var sn = Overlay("a");
        await sn.PrepareAsync("k", null, null, Ct);
        await sn.CommitAsync("parent", "k", null, Ct);
        await sn.PrepareAsync("child", "parent", null, Ct);

        await Assert.ThrowsAsync<FailedPreconditionException>(() => sn.RemoveAsync("parent", Ct).AsTask());
        await sn.RemoveAsync("child", Ct);
        await sn.RemoveAsync("parent", Ct);

        Assert.Empty(_fixture.Snapshots.Keys);
        Assert.Empty(await sn.WalkAsync(null, Ct).ToListAsync(Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => sn.RemoveAsync("parent", Ct).AsTask());
    }

    [Fact]
    public async Task Walk_Filters_MatchKindParentNameAndLabels()
    {
        var sn = Overlay("a");
        await sn.PrepareAsync("k", null, null, Ct);
        await sn.CommitAsync("base", "k", new Dictionary<string, string> { ["role"] = "layer" }, Ct);
        await sn.PrepareAsync("work", "base", null, Ct);

        Assert.Equal(["work"], await Names(sn, "kind==active"));
        Assert.Equal(["work"], await Names(sn, "parent==base"));
        Assert.Equal(["base"], await Names(sn, "labels.role==layer"));
        Assert.Equal(["base"], await Names(sn, "name==base"));
    }

    [Fact]
    public async Task Update_Labels_ChangeRecordOnly_AndOtherFieldsAreRefused()
    {
        var sn = Overlay("a");
        await sn.PrepareAsync("k", null, new Dictionary<string, string> { ["a"] = "1" }, Ct);
        var info = await sn.StatAsync("k", Ct);

        var updated = await sn.UpdateAsync(info with { Labels = new Dictionary<string, string> { ["b"] = "2" } }, ["labels.b"], Ct);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, updated.Labels);
        Assert.Equal(updated.Labels, (await sn.StatAsync("k", Ct)).Labels);
        await Assert.ThrowsAsync<InvalidArgumentException>(() => sn.UpdateAsync(info, ["parent"], Ct).AsTask());
    }

    [Fact]
    public async Task MountsAndUsage_PassThroughToTheBackendKey()
    {
        await Overlay("a").PrepareAsync("k", null, null, Ct);

        var mounts = await Overlay("a").MountsAsync("k", Ct);

        Assert.StartsWith("/fake/a/", mounts[0].Source);
        Assert.EndsWith("/k", mounts[0].Source);
        Assert.Equal(4096, (await Overlay("a").UsageAsync("k", Ct)).Size);
        await Assert.ThrowsAsync<NotFoundException>(() => Overlay("b").MountsAsync("k", Ct).AsTask());
    }

    [Fact]
    public async Task Remove_ThenPrepareSameKey_Works()
    {
        await Overlay("a").PrepareAsync("k", null, null, Ct);
        await Overlay("a").RemoveAsync("k", Ct);

        await Overlay("a").PrepareAsync("k", null, null, Ct);

        Assert.Single(_fixture.Snapshots.Keys);
    }

    [Fact]
    public void Snapshotter_UnknownName_ThrowsNotFound()
        => Assert.Throws<NotFoundException>(() => _fixture.Scope("a").Snapshotter("btrfs"));

    private static async Task<List<string>> Names(ISnapshotter sn, string filter)
        => (await sn.WalkAsync([filter], Ct).ToListAsync(Ct)).Select(s => s.Name).ToList();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
