using System.Runtime.Versioning;
using Berth.Core.Mounts;
using Berth.Linux;
using Berth.Storage.Snapshots;
using Berth.Storage.Snapshots.Overlay;
using Berth.Testing.Snapshots;

namespace Berth.Storage.Tests.Snapshots;

[SupportedOSPlatform("linux")]
public sealed class OverlaySnapshotterTests : LocalSnapshotterTests
{
    private static readonly string[] IndexOff = File.Exists("/sys/module/overlay/parameters/index") ? ["index=off"] : [];

    private protected override async ValueTask<LocalSnapshotter> OpenLocalAsync(string root, ISyscalls syscalls)
        => await OverlaySnapshotter.OpenAsync(root, syscalls, cancellationToken: Token);

    private string Fs(int id) => Path.Combine(SnapshotsFolder, $"{id}", "fs");

    protected override string DataFolder(int id) => Path.Combine(SnapshotsFolder, $"{id}", "fs");

    [Fact]
    public async Task Mounts_EachShape_MatchContainerd()
    {
        var snapshotter = await OpenAsync();

        var baseActive = await snapshotter.PrepareAsync("base-a", null, GcRoot, Token);                      // id 1
        await snapshotter.CommitAsync("base", "base-a", GcRoot, Token);
        var baseView = await snapshotter.ViewAsync("base-view", null, GcRoot, Token);                        // id 2
        await snapshotter.PrepareAsync("mid-a", "base", GcRoot, Token);                                      // id 3
        await snapshotter.CommitAsync("mid", "mid-a", GcRoot, Token);
        var childActive = await snapshotter.PrepareAsync("child", "mid", GcRoot, Token);                     // id 4
        var oneParentView = await snapshotter.ViewAsync("view-1", "base", GcRoot, Token);                    // id 5
        var twoParentView = await snapshotter.ViewAsync("view-2", "mid", GcRoot, Token);                     // id 6

        Assert.Equal([new Mount("bind", Fs(1), ["rw", "rbind"])], baseActive, MountComparer.Instance);
        Assert.Equal([new Mount("bind", Fs(2), ["ro", "rbind"])], baseView, MountComparer.Instance);
        Assert.Equal([new Mount("bind", Fs(1), ["ro", "rbind"])], oneParentView, MountComparer.Instance);
        string[] active = [.. IndexOff, $"workdir={SnapshotsFolder}/4/work", $"upperdir={Fs(4)}", $"lowerdir={Fs(3)}:{Fs(1)}"];
        Assert.Equal([new Mount("overlay", "overlay", active)], childActive, MountComparer.Instance);
        string[] view = [.. IndexOff, $"lowerdir={Fs(3)}:{Fs(1)}"];
        Assert.Equal([new Mount("overlay", "overlay", view)], twoParentView, MountComparer.Instance);
        Assert.Equal(childActive, await snapshotter.MountsAsync("child", Token), MountComparer.Instance);
    }

    [Fact]
    public async Task Prepare_ActiveAndView_LayOutFsAndWorkFolders()
    {
        var snapshotter = await OpenAsync();

        await snapshotter.PrepareAsync("active", null, GcRoot, Token);
        await snapshotter.ViewAsync("view", null, GcRoot, Token);

        Assert.Equal(FileTree.Mode755, File.GetUnixFileMode(Fs(1)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute
            | UnixFileMode.OtherExecute, File.GetUnixFileMode(Path.Combine(SnapshotsFolder, "1", "work")));
        Assert.True(Directory.Exists(Fs(2)));
        Assert.False(Directory.Exists(Path.Combine(SnapshotsFolder, "2", "work")));
    }

    [Fact]
    public async Task Prepare_OnParent_UpperdirTakesParentOwner()
    {
        RequireRoot();
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("base-a", null, GcRoot, Token);
        LinuxSyscalls.Instance.Lchown(Fs(1), 1234, 5678);
        await snapshotter.CommitAsync("base", "base-a", GcRoot, Token);

        await snapshotter.PrepareAsync("child", "base", GcRoot, Token);

        var owner = LinuxSyscalls.Instance.Lstat(Fs(2))!;
        Assert.Equal((1234, 5678), (owner.Uid, owner.Gid));
    }

    [Fact]
    public void IsSupported_OverlayWorks_ReturnsTrueAndLeavesNothing()
    {
        RequireRoot();
        string root = Path.Combine(Root, "probe");

        Assert.True(OverlaySnapshotter.IsSupported(root, LinuxSyscalls.Instance));

        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), line => line.Contains(root, StringComparison.Ordinal));
    }

    [Fact]
    public void IsSupported_MountRefused_ReturnsFalseAndLeavesNothing()
    {
        string root = Path.Combine(Root, "probe");

        Assert.False(OverlaySnapshotter.IsSupported(root, new FaultySyscalls(LinuxSyscalls.Instance) { FailMount = true }));

        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }
}
