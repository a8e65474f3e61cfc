using Berth.Core.Errors;
using Berth.Core.Snapshots;

namespace Berth.Testing.Snapshots;

public abstract partial class SnapshotterConformanceTests
{
    // containerd's baseTestSnapshots: c1 <- c2 <- a1, a2, c2 <- v1, v2.
    private static async Task CreateBaseSnapshotsAsync(ISnapshotter snapshotter)
    {
        await snapshotter.PrepareAsync("c1-a", null, GcRoot, Token);
        await snapshotter.CommitAsync("c1", "c1-a", GcRoot, Token);
        await snapshotter.PrepareAsync("c2-a", "c1", GcRoot, Token);
        await snapshotter.CommitAsync("c2", "c2-a", GcRoot, Token);
        await snapshotter.PrepareAsync("a1", "c2", GcRoot, Token);
        await snapshotter.PrepareAsync("a2", null, GcRoot, Token);
        await snapshotter.ViewAsync("v1", "c2", GcRoot, Token);
        await snapshotter.ViewAsync("v2", null, GcRoot, Token);
    }

    [Theory]
    [InlineData("c1", SnapshotKind.Committed, null)]
    [InlineData("c2", SnapshotKind.Committed, "c1")]
    [InlineData("a1", SnapshotKind.Active, "c2")]
    [InlineData("a2", SnapshotKind.Active, null)]
    [InlineData("v1", SnapshotKind.View, "c2")]
    [InlineData("v2", SnapshotKind.View, null)]
    public async Task Update_FieldPaths_ChangeOnlyLabelsAndUpdatedTime(string name, SnapshotKind kind, string? parent)
    {
        var snapshotter = await OpenAsync();
        var before = DateTimeOffset.UtcNow;
        await CreateBaseSnapshotsAsync(snapshotter);
        var after = DateTimeOffset.UtcNow;
        var stat = await snapshotter.StatAsync(name, Token);
        Assert.InRange(stat.CreatedAt, before, after);
        Assert.Equal(stat.CreatedAt, stat.UpdatedAt);
        Assert.Equal((name, kind, parent), (stat.Name, stat.Kind, stat.Parent));

        var all = new Dictionary<string, string> { ["l1"] = "v1", ["l2"] = "v2", ["l3"] = "v3", ["containerd.io/gc.root"] = "now" };
        var updateStart = DateTimeOffset.UtcNow;
        var updated = await snapshotter.UpdateAsync(stat with { Parent = "doesnotexist", Labels = all }, null, Token);
        Assert.InRange(updated.UpdatedAt, updateStart, DateTimeOffset.UtcNow);
        Assert.Equal((stat.CreatedAt, kind, parent, name), (updated.CreatedAt, updated.Kind, updated.Parent, updated.Name));
        Assert.Equal(all, updated.Labels);

        var some = new Dictionary<string, string> { ["l1"] = "updated", ["l4"] = "v4" };
        updated = await snapshotter.UpdateAsync(updated with { Labels = some }, ["labels.l1", "labels.l2"], Token);
        Assert.Equal(new Dictionary<string, string> { ["l1"] = "updated", ["l3"] = "v3", ["containerd.io/gc.root"] = "now" }, updated.Labels);

        var replaced = new Dictionary<string, string> { ["l4"] = "v4", ["containerd.io/gc.root"] = "now" };
        updated = await snapshotter.UpdateAsync(updated with { Labels = replaced }, ["labels"], Token);
        Assert.Equal(replaced, updated.Labels);
        AssertSameInfo(updated, await snapshotter.StatAsync(name, Token));

        await Assert.ThrowsAsync<InvalidArgumentException>(
            () => snapshotter.UpdateAsync(updated with { Parent = "doesnotexist" }, ["parent"], Token).AsTask());
        Assert.Equal(parent, (await snapshotter.StatAsync(name, Token)).Parent);
    }

    [Fact]
    public async Task Update_MissingSnapshot_ThrowsNotFound()
    {
        var snapshotter = await OpenAsync();
        var ghost = new SnapshotInfo("ghost", null, SnapshotKind.Active, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.UpdateAsync(ghost, null, Token).AsTask());
    }

    [Fact]
    public async Task Commit_WithLabels_ReplacesTheActiveLabels()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("active", null, new Dictionary<string, string> { ["prepared"] = "yes" }, Token);

        await snapshotter.CommitAsync("committed", "active", new Dictionary<string, string> { ["committed"] = "yes" }, Token);

        Assert.Equal(new Dictionary<string, string> { ["committed"] = "yes" }, (await snapshotter.StatAsync("committed", Token)).Labels);
    }

    [Fact]
    public async Task Prepare_OversizedLabel_ThrowsInvalidArgumentAndCreatesNothing()
    {
        var snapshotter = await OpenAsync();
        var labels = new Dictionary<string, string> { ["big"] = new string('x', 5000) };

        await Assert.ThrowsAsync<InvalidArgumentException>(() => snapshotter.PrepareAsync("active", null, labels, Token).AsTask());
        Assert.Empty(await WalkAllAsync(snapshotter));
    }
}
