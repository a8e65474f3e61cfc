using Berth.Core.Errors;
using Berth.Linux.Cgroups;
using Berth.Testing;

namespace Berth.Linux.Tests.Cgroups;

public sealed class CgroupSystemTests
{
    // This machine's mountinfo: every v1 controller but hugetlb, and cgroup2 at /sys/fs/cgroup/unified.
    private const string HybridMountInfo = """
        22 1 0:21 / /sys rw,nosuid,nodev,noexec,relatime - sysfs sysfs rw
        30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        38 30 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
        39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
        40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    private const string HybridSelf = "9:name=systemd:/\n8:pids:/\n4:memory:/process_api/774d\n2:cpuacct:/\n1:cpu:/\n0::/\n";

    private const string UnifiedMountInfo = """
        25 1 0:23 / /sys rw,nosuid - sysfs sysfs rw
        26 25 0:24 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
        """;

    private const string LegacyMountInfo = """
        30 22 0:27 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755
        31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:9 - cgroup cgroup rw,cpu,cpuacct
        34 30 0:31 / /sys/fs/cgroup/memory rw,nosuid shared:12 - cgroup cgroup rw,memory
        35 30 0:32 /docker/abc /sys/fs/cgroup/pids rw,nosuid - cgroup cgroup rw,pids
        """;

    [Fact]
    public void Parse_HybridMachine_DetectsHybridWithUnifiedBelowRoot()
    {
        var system = CgroupSystem.Parse(HybridMountInfo, HybridSelf);

        Assert.Equal(CgroupLayout.Hybrid, system.Layout);
        Assert.Equal(CgroupVersion.V1, system.Version);
        Assert.Equal("/sys/fs/cgroup/unified", system.UnifiedMount?.MountPoint);
        Assert.Equal("/sys/fs/cgroup/memory", system.V1Mount("memory")?.MountPoint);
        Assert.Equal("/sys/fs/cgroup/systemd", system.V1Mount("name=systemd")?.MountPoint);
        Assert.Null(system.V1Mount("hugetlb"));
    }

    [Fact]
    public void Parse_Cgroup2AtRoot_DetectsUnified()
    {
        var system = CgroupSystem.Parse(UnifiedMountInfo, "0::/user.slice/session-1.scope\n");

        Assert.Equal(CgroupLayout.Unified, system.Layout);
        Assert.Equal(CgroupVersion.V2, system.Version);
        Assert.Equal("/sys/fs/cgroup", system.UnifiedMount?.MountPoint);
    }

    [Fact]
    public void Parse_CoMountedControllers_DetectsLegacyAndSharesTheMount()
    {
        var system = CgroupSystem.Parse(LegacyMountInfo, "");

        Assert.Equal(CgroupLayout.Legacy, system.Layout);
        Assert.Null(system.UnifiedMount);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", system.V1Mount("cpu")?.MountPoint);
        Assert.Same(system.V1Mount("cpu"), system.V1Mount("cpuacct"));
    }

    [Fact]
    public void Parse_NoCgroupMounts_IsUnavailable()
    {
        var system = CgroupSystem.Parse("22 1 0:21 / /sys rw - sysfs sysfs rw\n", "");

        Assert.Equal(CgroupLayout.Unavailable, system.Layout);
        Assert.Throws<InvalidArgumentException>(() => system.Open("/berth/x"));
    }

    [Fact]
    public void Parse_EscapedMountPoint_Unescapes()
    {
        var system = CgroupSystem.Parse("40 30 0:37 / /mnt/my\\040cgroups rw - cgroup2 cgroup2 rw\n", "0::/\n");

        Assert.Equal("/mnt/my cgroups", system.UnifiedMount?.MountPoint);
        Assert.Equal(CgroupLayout.Unified, system.Layout);
    }

    [Fact]
    public void DirectoryOf_MountOfASubCgroup_StripsItsRoot()
    {
        var system = CgroupSystem.Parse(LegacyMountInfo, "");

        Assert.Equal("/sys/fs/cgroup/pids/c1", system.V1Mount("pids")!.DirectoryOf("/docker/abc/c1"));
        Assert.Equal("/sys/fs/cgroup/memory/docker/abc/c1", system.V1Mount("memory")!.DirectoryOf("/docker/abc/c1"));
    }

    [Fact]
    public void OpenForProcess_HybridProcFile_MapsEachController()
    {
        using var proc = new TempDirectory("cgproc");
        Directory.CreateDirectory(proc.Combine("4242"));
        File.WriteAllText(proc.Combine("4242", "cgroup"), "8:pids:/berth/c1\n4:memory:/berth/c1\n2:cpuacct:/berth/c1\n1:cpu:/berth/c1\n0::/berth/c1\n");
        var system = CgroupSystem.Parse(HybridMountInfo, HybridSelf, proc.Path);

        var cgroup = Assert.IsType<CgroupV1>(system.OpenForProcess(4242));

        Assert.Equal("/berth/c1", cgroup.Path);
        Assert.Equal("/sys/fs/cgroup/memory/berth/c1", cgroup.MemoryDirectory);
        Assert.Equal("/sys/fs/cgroup/cpuacct/berth/c1", cgroup.ControllerDirectories["cpuacct"]);
        Assert.Equal("/sys/fs/cgroup/pids/berth/c1", cgroup.ControllerDirectories["pids"]);
        Assert.Equal("/sys/fs/cgroup/unified/berth/c1", cgroup.UnifiedDirectory);
    }

    [Fact]
    public void OpenForProcess_UnifiedProcFile_OpensV2Directory()
    {
        using var proc = new TempDirectory("cgproc");
        Directory.CreateDirectory(proc.Combine("7"));
        File.WriteAllText(proc.Combine("7", "cgroup"), "0::/berth/default/redis\n");
        var system = CgroupSystem.Parse(UnifiedMountInfo, "0::/\n", proc.Path);

        var cgroup = Assert.IsType<CgroupV2>(system.OpenForProcess(7));

        Assert.Equal("/sys/fs/cgroup/berth/default/redis", cgroup.DirectoryPath);
    }

    [Fact]
    public void OpenForProcess_MissingProcess_ThrowsNotFound()
    {
        using var proc = new TempDirectory("cgproc");
        var system = CgroupSystem.Parse(UnifiedMountInfo, "0::/\n", proc.Path);

        Assert.Throws<NotFoundException>(() => system.OpenForProcess(99999));
    }

    [Theory]
    [InlineData("/berth/default/c1", "/sys/fs/cgroup/berth/default/c1")]
    [InlineData("default/c1", "/sys/fs/cgroup/user.slice/default/c1")]
    [InlineData("system.slice:berth:c1", "/sys/fs/cgroup/system.slice/berth-c1.scope")]
    [InlineData("berth-ns.slice:berth:c1", "/sys/fs/cgroup/berth.slice/berth-ns.slice/berth-c1.scope")]
    [InlineData(":berth:c1", "/sys/fs/cgroup/system.slice/berth-c1.scope")]
    public void Open_CgroupsPathForms_ResolveLikeTheRuntimes(string cgroupsPath, string expected)
    {
        var system = CgroupSystem.Parse(UnifiedMountInfo, "0::/user.slice\n");

        var cgroup = Assert.IsType<CgroupV2>(system.Open(cgroupsPath));

        Assert.Equal(expected, cgroup.DirectoryPath);
    }

    [Fact]
    public void Open_RelativePathOnHybrid_IsBelowTheOwnCgroupOfEachController()
    {
        var system = CgroupSystem.Parse(HybridMountInfo, HybridSelf);

        var cgroup = Assert.IsType<CgroupV1>(system.Open("berth/c1"));

        Assert.Equal("/sys/fs/cgroup/memory/process_api/774d/berth/c1", cgroup.ControllerDirectories["memory"]);
        Assert.Equal("/sys/fs/cgroup/cpu/berth/c1", cgroup.ControllerDirectories["cpu"]);
    }
}
