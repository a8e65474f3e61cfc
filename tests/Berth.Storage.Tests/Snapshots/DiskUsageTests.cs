using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Core.Snapshots;
using Berth.Linux;
using Berth.Storage.Snapshots.Storage;
using Berth.Testing;
using Berth.Testing.Snapshots;

namespace Berth.Storage.Tests.Snapshots;

[SupportedOSPlatform("linux")]
public sealed class DiskUsageTests
{
    [Fact]
    public void Measure_FilesLinksAndFolders_CountsRegularBytesAndEachInodeOnce()
    {
        using var temp = new TempDirectory("usage");
        FileTree.WriteFile(temp.Path, "a", new string('a', 10));
        FileTree.WriteFile(temp.Path, "sub/b", new string('b', 300));
        FileTree.WriteFile(temp.Path, "sub/.hidden", new string('h', 5));
        LinuxSyscalls.Instance.Link(temp.Combine("sub", "b"), temp.Combine("b-link"));
        File.CreateSymbolicLink(temp.Combine("sub", "link"), "../a");

        var usage = DiskUsage.Measure(temp.Path, LinuxSyscalls.Instance, TestContext.Current.CancellationToken);

        // root, a, sub, b (two links), .hidden, link: symlinks are inodes but not file bytes.
        Assert.Equal(new SnapshotUsage(315, 6), usage);
    }

    [Fact]
    public void Measure_MissingFolder_ThrowsNotFound()
    {
        using var temp = new TempDirectory("usage");

        Assert.Throws<NotFoundException>(
            () => DiskUsage.Measure(temp.Combine("gone"), LinuxSyscalls.Instance, TestContext.Current.CancellationToken));
    }
}
