using Berth.Core.Snapshots;

namespace Berth.Testing.Snapshots;

public abstract partial class SnapshotterConformanceTests
{
    [Fact]
    public async Task Cleanup_AfterRemove_LeavesNoFileOfRemovedAndKeepsLive()
    {
        RequireRoot();
        var snapshotter = await OpenAsync();
        await CommitLayerAsync(snapshotter, "kept", "kept-a", null, root => FileTree.WriteFile(root, "kept-file", "kept"));
        await CommitLayerAsync(snapshotter, "doomed", "doomed-a", "kept", root => FileTree.WriteFile(root, "doomed-file", "doomed"));
        await snapshotter.PrepareAsync("doomed-child", "doomed", GcRoot, Token);
        await snapshotter.RemoveAsync("doomed-child", Token);
        await snapshotter.RemoveAsync("doomed", Token);

        await snapshotter.CleanupAsync(Token);

        Assert.Empty(Directory.EnumerateFiles(Root, "doomed-file", SearchOption.AllDirectories));
        using var view = Mount(await snapshotter.ViewAsync("check", "kept", GcRoot, Token));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(view.Target, "kept-file")));
        Assert.Equal(["check", "kept"], (await WalkAllAsync(snapshotter)).Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Open_SameRootAgain_SeesEverySnapshot()
    {
        var first = await OpenAsync();
        await first.PrepareAsync("base-a", null, GcRoot, Token);
        await first.CommitAsync("base", "base-a", new Dictionary<string, string> { ["layer"] = "base" }, Token);
        var activeMounts = await first.PrepareAsync("active/with/slashes", "base", GcRoot, Token);
        var viewMounts = await first.ViewAsync("view", "base", GcRoot, Token);
        var before = await WalkAllAsync(first);

        var second = await OpenAsync();

        var after = await WalkAllAsync(second);
        Assert.Equal(before.Count, after.Count);
        foreach (var (expected, actual) in before.OrderBy(i => i.Name, StringComparer.Ordinal)
            .Zip(after.OrderBy(i => i.Name, StringComparer.Ordinal)))
        {
            AssertSameInfo(expected, actual);
        }

        Assert.Equal(activeMounts, await second.MountsAsync("active/with/slashes", Token), MountComparer.Instance);
        Assert.Equal(viewMounts, await second.MountsAsync("view", Token), MountComparer.Instance);
        await second.CommitAsync("top", "active/with/slashes", GcRoot, Token);
        await second.PrepareAsync("next", "top", GcRoot, Token);
        Assert.Equal(SnapshotKind.Committed, (await first.StatAsync("top", Token)).Kind);
    }
}
