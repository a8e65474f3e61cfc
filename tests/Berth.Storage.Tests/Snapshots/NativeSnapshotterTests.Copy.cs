using System.Text;
using Berth.Linux;
using Berth.Testing.Snapshots;

namespace Berth.Storage.Tests.Snapshots;

public sealed partial class NativeSnapshotterTests
{
    private static readonly DateTimeOffset Then = new(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);

    [Fact]
    public async Task Prepare_OnParent_CopyKeepsOwnersModesXattrsTimesLinksAndSpecialFiles()
    {
        RequireRoot();
        var sys = LinuxSyscalls.Instance;
        var snapshotter = await OpenAsync();
        await CommitLayerAsync(snapshotter, "base", "base-a", null, root =>
        {
            FileTree.WriteFile(root, "bin/tool", "#!/bin/sh\n", FileTree.Mode755);
            sys.Lchown(Path.Combine(root, "bin/tool"), 1000, 2000);
            File.SetUnixFileMode(Path.Combine(root, "bin/tool"), FileTree.Mode755 | UnixFileMode.SetUser);
            FileTree.CreateFolder(root, "tmp", FileTree.Mode777 | UnixFileMode.StickyBit);
            FileTree.CreateFolder(root, "shared", FileTree.Mode755 | UnixFileMode.SetGroup);
            sys.SetXattr(Path.Combine(root, "bin/tool"), "user.origin", Encoding.UTF8.GetBytes("test"));
            sys.SetXattr(Path.Combine(root, "shared"), "trusted.overlay.opaque", "y"u8);
            File.CreateSymbolicLink(Path.Combine(root, "bin/link"), "../missing/target");
            FileTree.WriteFile(root, "data/one", "linked");
            sys.Link(Path.Combine(root, "data/one"), Path.Combine(root, "data/two"));
            sys.MakeNode(Path.Combine(root, "fifo"), FileKind.Fifo, 0b110_100_000, 0, 0);
            sys.MakeNode(Path.Combine(root, "null"), FileKind.CharDevice, 0b110_110_110, 1, 3);
            foreach (string path in new[] { "bin/tool", "bin/link", "bin", "fifo" })
            {
                sys.SetTimes(Path.Combine(root, path), Then, Then);
            }
        });
        string parent = Path.Combine(SnapshotsFolder, "1");

        using var child = Mount(await snapshotter.PrepareAsync("child", "base", GcRoot, Token));

        foreach (string path in new[] { "bin", "bin/tool", "bin/link", "tmp", "shared", "data/one", "fifo", "null" })
        {
            var expected = sys.Lstat(Path.Combine(parent, path))!;
            var actual = sys.Lstat(Path.Combine(child.Target, path))!;
            Assert.Equal(
                (expected.Kind, expected.Mode, expected.Uid, expected.Gid, expected.RdevMajor, expected.RdevMinor, expected.Size),
                (actual.Kind, actual.Mode, actual.Uid, actual.Gid, actual.RdevMajor, actual.RdevMinor, actual.Size));
            Assert.NotEqual(expected.Inode, actual.Inode);
            Assert.Equal(expected.ModifiedAt, actual.ModifiedAt);
        }

        Assert.Equal(Then, sys.Lstat(Path.Combine(child.Target, "bin"))!.ModifiedAt);
        Assert.Equal("test"u8.ToArray(), sys.GetXattr(Path.Combine(child.Target, "bin/tool"), "user.origin"));
        Assert.Equal("y"u8.ToArray(), sys.GetXattr(Path.Combine(child.Target, "shared"), "trusted.overlay.opaque"));
        Assert.Equal("../missing/target", new FileInfo(Path.Combine(child.Target, "bin/link")).LinkTarget);
        var one = sys.Lstat(Path.Combine(child.Target, "data/one"))!;
        var two = sys.Lstat(Path.Combine(child.Target, "data/two"))!;
        Assert.Equal((one.Inode, 2u), (two.Inode, two.Links));
    }
}
