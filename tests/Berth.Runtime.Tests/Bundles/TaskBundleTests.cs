using Berth.Core.Errors;
using Berth.Linux;
using Berth.Runtime.Bundles;
using Berth.Testing;

namespace Berth.Runtime.Tests.Bundles;

public sealed class TaskBundleTests : IDisposable
{
    private readonly TempDirectory _temp = new("bundle");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Create_WritesSpecAndRootfs_SecondCreateIsAlreadyExists()
    {
        var bundle = TaskBundle.Create(_temp.Path, "ns1", "web", "{\"ociVersion\":\"1.0.2\"}"u8);

        Assert.Equal(_temp.Combine("ns1", "web"), bundle.Path);
        Assert.Equal("{\"ociVersion\":\"1.0.2\"}", File.ReadAllText(Path.Join(bundle.Path, "config.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(bundle.Rootfs));
        Assert.Throws<AlreadyExistsException>(() => TaskBundle.Create(_temp.Path, "ns1", "web", "{}"u8));
        Assert.Throws<InvalidArgumentException>(() => TaskBundle.Create(_temp.Path, "ns1", "../escape", "{}"u8));
    }

    [Fact]
    public void LoadAll_FindsEveryBundleWithItsNamespaceAndShimFiles()
    {
        var a = TaskBundle.Create(_temp.Path, "ns1", "a", "{}"u8);
        TaskBundle.Create(_temp.Path, "ns2", "b", "{}"u8);
        File.WriteAllText(Path.Join(a.Path, "address"), "unix:///run/x.sock\n");

        var found = TaskBundle.LoadAll(_temp.Path).OrderBy(b => b.Id, StringComparer.Ordinal).ToList();

        Assert.Equal([("ns1", "a"), ("ns2", "b")], found.Select(b => (b.Namespace, b.Id)));
        Assert.Equal("unix:///run/x.sock", found[0].ReadAddress());
        Assert.Null(found[1].ReadAddress());
        Assert.Empty(TaskBundle.LoadAll(_temp.Combine("missing")));
    }

    [Fact]
    public void Delete_RootfsLeftMounted_UnmountsAndRemovesTheBundle()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "mounts need root");
        var bundle = TaskBundle.Create(_temp.Path, "ns1", "mounted", "{}"u8);
        LinuxSyscalls.Instance.Mount("tmpfs", bundle.Rootfs, "tmpfs", MountFlags.None, "size=1m");
        LinuxSyscalls.Instance.Mount("tmpfs", bundle.Rootfs, "tmpfs", MountFlags.None, "size=1m");
        Assert.True(MountInfo.IsMountPoint(bundle.Rootfs));

        bundle.Delete(LinuxSyscalls.Instance);

        Assert.False(MountInfo.IsMountPoint(bundle.Rootfs));
        Assert.False(Directory.Exists(bundle.Path));
    }
}
