using Berth.Core.Errors;

namespace Berth.Testing.Snapshots;

public abstract partial class SnapshotterConformanceTests
{
    [Fact]
    public async Task Prepare_KeyTaken_ThrowsAlreadyExists()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("base-a", null, GcRoot, Token);
        await snapshotter.CommitAsync("base", "base-a", GcRoot, Token);
        await snapshotter.PrepareAsync("layer/new", "base", GcRoot, Token);
        await snapshotter.ViewAsync("layer/view", "base", GcRoot, Token);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => snapshotter.PrepareAsync("layer/new", "base", GcRoot, Token).AsTask());
        await Assert.ThrowsAsync<AlreadyExistsException>(() => snapshotter.ViewAsync("layer/new", "base", GcRoot, Token).AsTask());
        await Assert.ThrowsAsync<AlreadyExistsException>(() => snapshotter.ViewAsync("layer/view", "base", GcRoot, Token).AsTask());
        await Assert.ThrowsAsync<AlreadyExistsException>(() => snapshotter.PrepareAsync("base", null, GcRoot, Token).AsTask());
        Assert.Equal(3, (await WalkAllAsync(snapshotter)).Count);
    }

    [Fact]
    public async Task Commit_SameKeyTwice_SecondThrowsNotFound()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("active", null, GcRoot, Token);
        await snapshotter.CommitAsync("committed", "active", GcRoot, Token);

        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.CommitAsync("committed-2", "active", GcRoot, Token).AsTask());
    }

    [Fact]
    public async Task Commit_NameTaken_ThrowsAlreadyExistsAndKeepsActive()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("first", null, GcRoot, Token);
        await snapshotter.CommitAsync("committed", "first", GcRoot, Token);
        await snapshotter.PrepareAsync("second", null, GcRoot, Token);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => snapshotter.CommitAsync("committed", "second", GcRoot, Token).AsTask());
        Assert.Equal(Core.Snapshots.SnapshotKind.Active, (await snapshotter.StatAsync("second", Token)).Kind);
    }

    [Fact]
    public async Task Commit_View_ThrowsFailedPrecondition()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.ViewAsync("view", null, GcRoot, Token);

        await Assert.ThrowsAsync<FailedPreconditionException>(() => snapshotter.CommitAsync("committed", "view", GcRoot, Token).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.CommitAsync("committed", "missing", GcRoot, Token).AsTask());
    }

    [Fact]
    public async Task Prepare_MissingOrActiveParent_Throws()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("active", null, GcRoot, Token);

        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.PrepareAsync("child", "missing", GcRoot, Token).AsTask());
        await Assert.ThrowsAsync<InvalidArgumentException>(() => snapshotter.PrepareAsync("child", "active", GcRoot, Token).AsTask());
        await Assert.ThrowsAsync<InvalidArgumentException>(() => snapshotter.ViewAsync("child", "active", GcRoot, Token).AsTask());
        await Assert.ThrowsAsync<InvalidArgumentException>(() => snapshotter.PrepareAsync("", null, GcRoot, Token).AsTask());
        Assert.Single(await WalkAllAsync(snapshotter));
    }

    [Fact]
    public async Task Mounts_CommittedSnapshot_ThrowsFailedPrecondition()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("active", null, GcRoot, Token);
        await snapshotter.CommitAsync("committed", "active", GcRoot, Token);

        await Assert.ThrowsAsync<FailedPreconditionException>(() => snapshotter.MountsAsync("committed", Token).AsTask());
    }

    [Fact]
    public async Task Remove_IntermediateSnapshot_ThrowsFailedPrecondition()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("base-a", null, GcRoot, Token);
        await snapshotter.CommitAsync("base", "base-a", GcRoot, Token);
        await snapshotter.PrepareAsync("inter-a", "base", GcRoot, Token);
        await snapshotter.CommitAsync("inter", "inter-a", GcRoot, Token);
        await snapshotter.PrepareAsync("top", "inter", GcRoot, Token);

        await Assert.ThrowsAsync<FailedPreconditionException>(() => snapshotter.RemoveAsync("inter", Token).AsTask());
        Assert.Equal(3, (await WalkAllAsync(snapshotter)).Count);

        await snapshotter.RemoveAsync("top", Token);
        await snapshotter.RemoveAsync("inter", Token);
        await snapshotter.RemoveAsync("base", Token);
        Assert.Empty(await WalkAllAsync(snapshotter));
        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.RemoveAsync("base", Token).AsTask());
    }

    [Fact]
    public async Task Remove_ThenCreateSameKey_Succeeds()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("committed-a", null, GcRoot, Token);
        await snapshotter.CommitAsync("committed-1", "committed-a", GcRoot, Token);
        await snapshotter.PrepareAsync("reuse-1", "committed-1", GcRoot, Token);
        await snapshotter.RemoveAsync("reuse-1", Token);
        await snapshotter.ViewAsync("reuse-1", "committed-1", GcRoot, Token);
        await snapshotter.RemoveAsync("reuse-1", Token);
        await snapshotter.PrepareAsync("reuse-1", null, GcRoot, Token);
        await snapshotter.RemoveAsync("committed-1", Token);

        await snapshotter.CommitAsync("committed-1", "reuse-1", GcRoot, Token);

        var info = await snapshotter.StatAsync("committed-1", Token);
        Assert.Equal((Core.Snapshots.SnapshotKind.Committed, (string?)null), (info.Kind, info.Parent));
    }
}
