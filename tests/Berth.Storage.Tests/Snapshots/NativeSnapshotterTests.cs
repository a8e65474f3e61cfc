using System.Runtime.Versioning;
using Berth.Core.Mounts;
using Berth.Linux;
using Berth.Storage.Snapshots;
using Berth.Storage.Snapshots.Native;
using Berth.Testing.Snapshots;

namespace Berth.Storage.Tests.Snapshots;

[SupportedOSPlatform("linux")]
public sealed partial class NativeSnapshotterTests : LocalSnapshotterTests
{
    private protected override async ValueTask<LocalSnapshotter> OpenLocalAsync(string root, ISyscalls syscalls)
        => await NativeSnapshotter.OpenAsync(root, syscalls, cancellationToken: Token);

    private string Folder(int id) => Path.Combine(SnapshotsFolder, $"{id}");

    protected override string DataFolder(int id) => Path.Combine(SnapshotsFolder, $"{id}");

    [Fact]
    public async Task Mounts_EachShape_MatchContainerd()
    {
        var snapshotter = await OpenAsync();

        var baseActive = await snapshotter.PrepareAsync("base-a", null, GcRoot, Token);   // id 1
        await snapshotter.CommitAsync("base", "base-a", GcRoot, Token);
        var baseView = await snapshotter.ViewAsync("base-view", null, GcRoot, Token);     // id 2
        var child = await snapshotter.PrepareAsync("child", "base", GcRoot, Token);       // id 3
        var view = await snapshotter.ViewAsync("view", "base", GcRoot, Token);            // id 4, no folder

        Assert.Equal([new Mount("bind", Folder(1), ["rbind", "rw"])], baseActive, MountComparer.Instance);
        Assert.Equal([new Mount("bind", Folder(2), ["rbind", "ro"])], baseView, MountComparer.Instance);
        Assert.Equal([new Mount("bind", Folder(3), ["rbind", "rw"])], child, MountComparer.Instance);
        Assert.Equal([new Mount("bind", Folder(1), ["rbind", "ro"])], view, MountComparer.Instance);
        Assert.Equal(["1", "2", "3"], FolderNames());
        await snapshotter.RemoveAsync("view", Token);
        Assert.Equal(["1", "2", "3"], FolderNames());
    }
}
