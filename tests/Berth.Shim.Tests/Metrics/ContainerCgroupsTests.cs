using Berth.Core.Errors;
using Berth.Linux.Cgroups;
using Berth.Shim.Metrics;
using Berth.Testing;

namespace Berth.Shim.Tests.Metrics;

/// <summary>Which cgroup a container's stats and OOM watch use: the one its init process is in, over a fake /proc.</summary>
public sealed class ContainerCgroupsTests : IDisposable
{
    private const string UnifiedMountInfo = "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw\n";
    private readonly TempDirectory _proc = new("cgproc");
    private int _loads;

    public void Dispose() => _proc.Dispose();

    [Fact]
    public void Attach_InitInACgroup_KeepsThatCgroupForTheContainer()
    {
        WriteProcCgroup(7, "0::/berth/default/redis\n");
        var cgroups = new ContainerCgroups(Load);

        cgroups.Attach("redis", 7);
        WriteProcCgroup(8, "0::/elsewhere/web\n");
        cgroups.Attach("web", 8);

        Assert.Equal("/berth/default/redis", cgroups.Get("redis").Path);
        Assert.Equal("/sys/fs/cgroup/elsewhere/web", Assert.IsType<CgroupV2>(cgroups.Get("web")).DirectoryPath);
        Assert.Equal(1, _loads);
    }

    [Fact]
    public void Attach_InitGone_ThrowsNotFoundAndKeepsNothing()
    {
        var cgroups = new ContainerCgroups(Load);

        Assert.Throws<NotFoundException>(() => cgroups.Attach("gone", 99));
        var error = Assert.Throws<NotFoundException>(() => cgroups.Get("gone"));

        Assert.Contains("gone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forget_AttachedContainer_GetThrowsNotFound()
    {
        WriteProcCgroup(7, "0::/berth/default/redis\n");
        var cgroups = new ContainerCgroups(Load);
        cgroups.Attach("redis", 7);

        cgroups.Forget("redis");

        Assert.Throws<NotFoundException>(() => cgroups.Get("redis"));
    }

    private CgroupSystem Load()
    {
        _loads++;
        return CgroupSystem.Parse(UnifiedMountInfo, "0::/\n", _proc.Path);
    }

    private void WriteProcCgroup(int pid, string text)
    {
        Directory.CreateDirectory(_proc.Combine(pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        File.WriteAllText(_proc.Combine(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "cgroup"), text);
    }
}
