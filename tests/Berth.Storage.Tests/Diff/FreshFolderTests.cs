using System.Runtime.Versioning;
using Berth.Linux;
using Berth.Storage.Diff;
using Berth.Storage.Tests.Snapshots;

namespace Berth.Storage.Tests.Diff;

/// <summary>
/// A layer applied onto an empty root, or into folders it made itself, needs no lstat to know a path is free; a root
/// that already holds something is looked at entry by entry.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class FreshFolderTests : IDisposable
{
    private readonly DiffFixture _fixture = new();
    private readonly FaultySyscalls _syscalls = new(LinuxSyscalls.Instance);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Apply_ManyFilesIntoAnEmptyRoot_LooksUpFarFewerPathsThanEntries()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        var time = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var layer = new LayerBuilder();
        // A folder's entries come one after another, as in any tar made by walking a tree.
        for (int i = 0; i < 200; i++)
        {
            layer.File($"usr/share/doc/pkg{i / 50}/file{i}", $"content {i}", mode: 0x9ed, uid: 3, gid: 4, time: time,
                xattrs: new Dictionary<string, string> { ["user.pkg"] = $"{i}" });
        }

        await ApplyAsync(layer, root);

        Assert.True(_syscalls.LstatCalls < 100, $"{_syscalls.LstatCalls} lstat calls for 200 files in 4 new folders");
        var status = LinuxSyscalls.Instance.Lstat(Path.Join(root, "usr/share/doc/pkg3/file199"))!;
        // Owner, then the mode (setuid survives: it is set after the chown), times and xattrs, all through the descriptor.
        Assert.Equal((0x9ed, 3, 4, time), (status.Mode, status.Uid, status.Gid, status.ModifiedAt));
        Assert.Equal("199"u8.ToArray(), LinuxSyscalls.Instance.GetXattr(Path.Join(root, "usr/share/doc/pkg3/file199"), "user.pkg"));
        Assert.Equal("content 199", File.ReadAllText(Path.Join(root, "usr/share/doc/pkg3/file199")));
    }

    [Fact]
    public async Task Apply_OntoARootThatHoldsThePaths_ReplacesWhatWasThere()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        Directory.CreateDirectory(Path.Join(root, "etc/app/conf"));
        File.WriteAllText(Path.Join(root, "etc/app/conf/inner"), "old");
        File.WriteAllText(Path.Join(root, "etc/app/setting"), "old");

        await ApplyAsync(new LayerBuilder().File("etc/app/conf", "now a file").File("etc/app/setting", "new").File("etc/app/added", "a"), root);

        Assert.Equal("now a file", File.ReadAllText(Path.Join(root, "etc/app/conf")));
        Assert.Equal("new", File.ReadAllText(Path.Join(root, "etc/app/setting")));
        Assert.Equal("a", File.ReadAllText(Path.Join(root, "etc/app/added")));
    }

    [Fact]
    public async Task Apply_EntriesUnderAFolderTheLayerReplaced_LandInTheNewFolder()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        var layer = new LayerBuilder()
            .File("data/x", "1").File("data/y", "2")
            .Whiteout(".wh.data")
            .File("data/z", "3")
            .File("data/x", "4");

        await ApplyAsync(layer, root);

        Assert.Equal(["x", "z"], Directory.EnumerateFileSystemEntries(Path.Join(root, "data")).Select(Path.GetFileName).Order());
        Assert.Equal("4", File.ReadAllText(Path.Join(root, "data/x")));
    }

    private async Task ApplyAsync(LayerBuilder layer, string root)
    {
        var service = new DiffService(_fixture.Content, _syscalls, _fixture.Scratch);
        await service.ApplyAsync(_fixture.Store(layer.Gzip()), DiffFixture.Bind(root), cancellationToken: TestContext.Current.CancellationToken);
    }
}
