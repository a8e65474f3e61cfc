using Berth.Core.Snapshots;
using Berth.Linux;

namespace Berth.Testing.Snapshots;

public abstract partial class SnapshotterConformanceTests
{
    [Fact]
    public async Task View_Mounted_IsReadOnly()
    {
        RequireRoot();
        var snapshotter = await OpenAsync();
        await CommitLayerAsync(snapshotter, "one", "one-a", null, root => FileTree.WriteFile(root, "one", "1"));
        await CommitLayerAsync(snapshotter, "two", "two-a", "one", root => FileTree.WriteFile(root, "two", "2"));

        // No parent, one parent and several parents take different mount shapes in containerd's backends.
        foreach (var (key, parent) in new[] { ("view/none", (string?)null), ("view/one", "one"), ("view/two", "two") })
        {
            using var view = Mount(await snapshotter.ViewAsync(key, parent, GcRoot, Token));
            var failure = Record.Exception(() => File.WriteAllText(Path.Combine(view.Target, "testfile"), "testcontent"));
            Assert.True(failure is IOException or UnauthorizedAccessException, $"{key}: writing into a view should fail, got {failure}");
        }
    }

    [Fact]
    public async Task Prepare_Mounted_RootIsMode755()
    {
        RequireRoot();
        var snapshotter = await OpenAsync();
        await CommitLayerAsync(snapshotter, "base", "base-a", null, root => FileTree.WriteFile(root, "f", "f"));

        using var top = Mount(await snapshotter.PrepareAsync("base-less", null, GcRoot, Token));
        using var child = Mount(await snapshotter.PrepareAsync("child", "base", GcRoot, Token));

        Assert.Equal(FileTree.Mode755, File.GetUnixFileMode(top.Target));
        Assert.Equal(FileTree.Mode755, File.GetUnixFileMode(child.Target));
    }

    [Fact]
    public async Task Usage_AfterWritingKnownBytes_CountsFilesOnceAndCommitKeepsIt()
    {
        RequireRoot();
        var snapshotter = await OpenAsync();
        using (var active = Mount(await snapshotter.PrepareAsync("active", null, GcRoot, Token)))
        {
            FileTree.WriteFile(active.Target, "a", new string('a', 1000));
            FileTree.WriteFile(active.Target, "dir/b", new string('b', 2000));
            FileTree.WriteFile(active.Target, "dir/c", new string('c', 4096));
            LinuxSyscalls.Instance.Link(Path.Combine(active.Target, "dir/b"), Path.Combine(active.Target, "b-again"));
        }

        // The snapshot's root, dir, a, b (twice linked, once counted) and c.
        var expected = new SnapshotUsage(7096, 5);
        Assert.Equal(expected, await snapshotter.UsageAsync("active", Token));
        await snapshotter.CommitAsync("committed", "active", GcRoot, Token);
        Assert.Equal(expected, await snapshotter.UsageAsync("committed", Token));
    }

    // Tens of seconds: 128 prepares, mounts and commits (a full copy each for the native backend).
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Prepare_128LayersStacked_MountsTheMergedTree()
    {
        RequireRoot();
        var snapshotter = await OpenAsync();
        using var flat = new TempDirectory("flat");
        static void Apply(string root, int layer)
        {
            if (layer == 0)
            {
                FileTree.WriteFile(root, "bottom", "way at the bottom\n", FileTree.Mode777);
                FileTree.WriteFile(root, "overwriteme", "FIRST!\n", FileTree.Mode777);
                FileTree.CreateFolder(root, "ADDHERE");
                FileTree.CreateFolder(root, "ONLYME");
                FileTree.WriteFile(root, "ONLYME/bottom", "bye!\n", FileTree.Mode777);
                return;
            }

            FileTree.WriteFile(root, "overwriteme", $"{layer} WAS HERE!\n", FileTree.Mode777);
            FileTree.WriteFile(root, $"ADDHERE/file-{layer}", "same\n", FileTree.Mode755);
            FileTree.Delete(root, "ONLYME");
            FileTree.CreateFolder(root, "ONLYME");
            FileTree.WriteFile(root, $"ONLYME/file-{layer}", "only me!\n", FileTree.Mode777);
        }

        string? parent = null;
        for (int layer = 0; layer < 128; layer++)
        {
            string key = $"layers/prepare-{layer}";
            using (var mounted = Mount(await snapshotter.PrepareAsync(key, parent, GcRoot, Token)))
            {
                // What was written through the previous layer's mount must show through the whole stack.
                Assert.Equal(FileTree.Describe(flat.Path), FileTree.Describe(mounted.Target));
                Apply(flat.Path, layer);
                Apply(mounted.Target, layer);
            }

            parent = $"layers/committed-{layer}";
            await snapshotter.CommitAsync(parent, key, GcRoot, Token);
        }

        using var view = Mount(await snapshotter.ViewAsync("layers/full-view", parent, GcRoot, Token));
        Assert.Equal(FileTree.Describe(flat.Path), FileTree.Describe(view.Target));
        using var active = Mount(await snapshotter.PrepareAsync("layers/top", parent, GcRoot, Token));
        Assert.Equal(FileTree.Describe(flat.Path), FileTree.Describe(active.Target));
    }
}
