using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using static Berth.Runtime.Tests.Spec.SpecBuilderDefaultsTests;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecBuilderMountsTests
{
    [Fact]
    public void Build_Tmpfs_MountsWithSafeDefaultsTheOptionsMayLift()
    {
        var mount = Build(new ContainerSpecOptions { Tmpfs = [TmpfsMount.Parse("/run:exec,size=64m")] }).Mounts!.Single(m => m.Destination == "/run");

        Assert.Equal(("tmpfs", "tmpfs"), (mount.Type, mount.Source));
        Assert.Equal(["rw", "nosuid", "nodev", "exec", "size=64m"], mount.Options);
    }

    [Fact]
    public void Build_Bind_MountsRecursivelyPrivateByDefault()
    {
        var mounts = Build(new ContainerSpecOptions { Binds = [BindMount.Parse("/srv/data:/data"), BindMount.Parse("/srv/conf:/etc/app:ro,rshared")] }).Mounts!;

        var data = mounts.Single(m => m.Destination == "/data");
        Assert.Equal(("bind", "/srv/data"), (data.Type, data.Source));
        Assert.Equal(["rbind", "rw", "rprivate"], data.Options);
        Assert.Equal(["rbind", "ro", "rshared"], mounts.Single(m => m.Destination == "/etc/app").Options);
    }

    [Fact]
    public void Build_MountOverDefault_ReplacesIt()
    {
        var mounts = Build(new ContainerSpecOptions { Binds = [new BindMount("/host/shm", "/dev/shm")], ShmSize = 1024 }).Mounts!;

        var shm = Assert.Single(mounts, m => m.Destination == "/dev/shm");
        Assert.Equal("bind", shm.Type);
    }

    [Fact]
    public void Build_ShmSize_SizesDevShm()
    {
        Assert.Contains("size=1048576", Build(new ContainerSpecOptions { ShmSize = 1048576 }).Mounts!.Single(m => m.Destination == "/dev/shm").Options!);
    }

    [Fact]
    public void Build_NestedMounts_ParentsComeFirst()
    {
        var mounts = Build(new ContainerSpecOptions { Binds = [new BindMount("/a", "/data/inner"), new BindMount("/b", "/data")] }).Mounts!;

        Assert.Equal(["/data", "/data/inner"], mounts.Skip(7).Select(m => m.Destination));
    }

    [Theory]
    [InlineData("relative:/data")]
    [InlineData("/a:relative")]
    [InlineData("/a:/")]
    [InlineData("/a:/x/../etc")]
    [InlineData("/a:/data:bogus")]
    public void Build_BadBind_Throws(string volume)
    {
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { Binds = [BindMount.Parse(volume)] }));
    }

    [Fact]
    public void Build_TwoMountsAtOnePlace_Throws()
    {
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions
        {
            Binds = [new BindMount("/a", "/data")], Tmpfs = [new TmpfsMount("/data/", [])],
        }));
    }

    [Fact]
    public void Build_Device_AddsNodeAndCgroupRule()
    {
        var linux = Build(new ContainerSpecOptions { Devices = [DeviceMapping.Parse("/dev/null:/dev/mynull:rw")] }).Linux!;

        var device = Assert.Single(linux.Devices!);
        Assert.Equal(("/dev/mynull", "c", 1L, 3L), (device.Path, device.Type, device.Major, device.Minor));
        Assert.True(linux.Resources!.Devices![^1] is { Allow: true, Type: "c", Major: 1, Minor: 3, Access: "rw" });
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/dev/null:/dev/null:rwx")]
    public void Build_BadDevice_Throws(string device)
    {
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { Devices = [DeviceMapping.Parse(device)] }));
    }
}
