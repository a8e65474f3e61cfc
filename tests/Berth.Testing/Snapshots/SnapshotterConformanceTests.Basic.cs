using Berth.Core.Errors;
using Berth.Core.Snapshots;

namespace Berth.Testing.Snapshots;

public abstract partial class SnapshotterConformanceTests
{
    [Fact]
    public async Task Prepare_WriteCommitAndBuildOnTop_ViewSeesMergedTree()
    {
        RequireRoot();
        var snapshotter = await OpenAsync();
        static void Initial(string root)
        {
            FileTree.WriteFile(root, "foo", "foo\n", FileTree.Mode777);
            FileTree.CreateFolder(root, "a");
            FileTree.CreateFolder(root, "a/b");
            FileTree.CreateFolder(root, "a/b/c");
        }

        await CommitLayerAsync(snapshotter, "work/committed", "work/preparing", null, Initial);
        var committed = await snapshotter.StatAsync("work/committed", Token);
        Assert.Null(committed.Parent);
        Assert.Equal(SnapshotKind.Committed, committed.Kind);
        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.StatAsync("work/preparing", Token).AsTask());

        using var expectedBase = new TempDirectory("expected");
        Initial(expectedBase.Path);
        using (var next = Mount(await snapshotter.PrepareAsync("work/next", "work/committed", GcRoot, Token)))
        {
            Assert.Equal(FileTree.Describe(expectedBase.Path), FileTree.Describe(next.Target));
            FileTree.WriteFile(next.Target, "bar", "bar\n", FileTree.Mode777);
            FileTree.WriteFile(next.Target, "foo", "bar\n", FileTree.Mode777);
            FileTree.Delete(next.Target, "a/b");
        }

        var active = await snapshotter.StatAsync("work/next", Token);
        Assert.Equal(("work/committed", SnapshotKind.Active), (active.Parent, active.Kind));
        await snapshotter.CommitAsync("work/committed-next", "work/next", GcRoot, Token);
        var committedNext = await snapshotter.StatAsync("work/committed-next", Token);
        Assert.Equal(("work/committed", SnapshotKind.Committed), (committedNext.Parent, committedNext.Kind));
        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.StatAsync("work/next", Token).AsTask());

        var walked = (await WalkAllAsync(snapshotter)).ToDictionary(i => i.Name);
        AssertSameInfo(committed, walked["work/committed"]);
        AssertSameInfo(committedNext, walked["work/committed-next"]);

        using (var view = Mount(await snapshotter.ViewAsync("work/view", "work/committed-next", GcRoot, Token)))
        {
            var expected = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["a"] = "dir 755",
                ["bar"] = "file 777 bar\n",
                ["foo"] = "file 777 bar\n",
            };
            Assert.Equal(expected, FileTree.Describe(view.Target));
        }

        await snapshotter.RemoveAsync("work/view", Token);
        await Assert.ThrowsAsync<FailedPreconditionException>(() => snapshotter.RemoveAsync("work/committed", Token).AsTask());
        await snapshotter.RemoveAsync("work/committed-next", Token);
        await snapshotter.RemoveAsync("work/committed", Token);
        Assert.Empty(await WalkAllAsync(snapshotter));
    }

    [Fact]
    public async Task Stat_ActiveSnapshot_ReportsActiveWithoutParent()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("a/preparing", null, GcRoot, Token);

        var info = await snapshotter.StatAsync("a/preparing", Token);

        Assert.Equal(("a/preparing", SnapshotKind.Active, (string?)null), (info.Name, info.Kind, info.Parent));
        Assert.Equal(GcRoot, info.Labels);
    }

    [Fact]
    public async Task Stat_CommittedSnapshot_ReportsCommittedWithoutParent()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("a/preparing", "", GcRoot, Token);
        await snapshotter.CommitAsync("a/committed", "a/preparing", GcRoot, Token);

        var info = await snapshotter.StatAsync("a/committed", Token);

        Assert.Equal(("a/committed", SnapshotKind.Committed, (string?)null), (info.Name, info.Kind, info.Parent));
    }

    [Fact]
    public async Task Stat_MissingKey_ThrowsNotFound()
    {
        var snapshotter = await OpenAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.StatAsync("nope", Token).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.UsageAsync("nope", Token).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => snapshotter.MountsAsync("nope", Token).AsTask());
    }

    [Fact]
    public async Task Prepare_ThreeLevels_ParentsAreTransitiveAndTopSeesAll()
    {
        RequireRoot();
        var snapshotter = await OpenAsync();
        await CommitLayerAsync(snapshotter, "A", "prep-a", null, root => FileTree.WriteFile(root, "foo", "foo\n"));
        await CommitLayerAsync(snapshotter, "B", "prep-b", "A", root => FileTree.WriteFile(root, "foo", "foo bar\n"));
        await CommitLayerAsync(snapshotter, "C", "prep-c", "B", root => FileTree.WriteFile(root, "baz", "baz\n"));

        var c = await snapshotter.StatAsync("C", Token);
        var b = await snapshotter.StatAsync(c.Parent!, Token);
        var a = await snapshotter.StatAsync(b.Parent!, Token);
        Assert.Equal(("B", "A", (string?)null), (c.Parent, b.Parent, a.Parent));

        using var top = Mount(await snapshotter.PrepareAsync("top", "C", GcRoot, Token));
        Assert.Equal("foo bar\n", File.ReadAllText(Path.Combine(top.Target, "foo")));
        Assert.Equal("baz\n", File.ReadAllText(Path.Combine(top.Target, "baz")));
    }
}
