using Berth.Core.Containers.Options;
using Berth.Linux;
using Berth.Oci.Manifests;
using Berth.Oci.Runtime;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecBuilderDefaultsTests
{
    private static readonly ContainerConfig Image = new() { Cmd = ["sh"] };

    internal static RuntimeSpec Build(ContainerSpecOptions? options = null, ContainerConfig? image = null, string architecture = "amd64", string? rootfs = null) =>
        new SpecBuilder(FakeHost.Create(architecture), LinuxSyscalls.Instance)
            .Build("default", "0123456789abcdef0123", image ?? Image, options ?? new ContainerSpecOptions(), rootfs);

    [Fact]
    public void Build_NoOptions_GivesDockersFourteenCapabilities()
    {
        var caps = Build().Process!.Capabilities!;

        Assert.Equal(14, Capabilities.Default.Count);
        Assert.Equal(Capabilities.Default, caps.Bounding);
        Assert.Equal(Capabilities.Default, caps.Effective);
        Assert.Equal(Capabilities.Default, caps.Permitted);
        Assert.Null(caps.Inheritable);
        Assert.Null(caps.Ambient);
        Assert.Equal(0xa80425fbUL, Capabilities.Mask(Capabilities.Default));
    }

    [Fact]
    public void Build_NoOptions_MountsDockersDefaults()
    {
        var mounts = Build().Mounts!;

        Assert.Equal(["/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"], mounts.Select(m => m.Destination));
        Assert.Equal(["proc", "tmpfs", "devpts", "sysfs", "cgroup", "mqueue", "tmpfs"], mounts.Select(m => m.Type));
        Assert.Contains("size=67108864", mounts[6].Options!);
        Assert.Contains("mode=1777", mounts[6].Options!);
        Assert.Equal("ro", mounts[3].Options![0]);
        Assert.Equal("ro", mounts[4].Options![0]);
    }

    [Fact]
    public void Build_NoOptions_MasksAndProtectsKernelPaths()
    {
        var linux = Build().Linux!;

        Assert.Contains("/proc/kcore", linux.MaskedPaths!);
        Assert.Contains("/proc/keys", linux.MaskedPaths!);
        Assert.Contains("/sys/firmware", linux.MaskedPaths!);
        Assert.Equal(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"], linux.ReadonlyPaths);
    }

    [Fact]
    public void Build_NoOptions_CreatesFiveNamespacesInContainerdsCgroup()
    {
        var spec = Build();

        Assert.Equal(["pid", "ipc", "uts", "mount", "network"], spec.Linux!.Namespaces!.Select(n => n.Type));
        Assert.All(spec.Linux.Namespaces!, n => Assert.Null(n.Path));
        Assert.Equal("/default/0123456789abcdef0123", spec.Linux.CgroupsPath);
        Assert.Equal("0123456789ab", spec.Hostname);
        Assert.Equal("rootfs", spec.Root!.Path);
        Assert.False(spec.Root.Readonly);
    }

    [Fact]
    public void Build_NoOptions_DeniesDevicesButTheDefaultOnes()
    {
        var rules = Build().Linux!.Resources!.Devices!;

        Assert.Equal(new LinuxDeviceCgroup { Allow = false, Access = "rwm" }.Access, rules[0].Access);
        Assert.False(rules[0].Allow);
        Assert.Null(rules[0].Type);
        Assert.Contains(rules, r => r is { Allow: true, Type: "c", Major: 1, Minor: 3, Access: "rwm" });
        Assert.Contains(rules, r => r is { Allow: true, Type: "c", Major: 136, Minor: null });
        Assert.Contains(rules, r => r is { Allow: false, Type: "c", Major: 10, Minor: 229 });
        Assert.Null(Build().Linux!.Devices);
    }

    [Fact]
    public void Build_NoOptions_KeepsRlimitsUnderHostHardLimits()
    {
        var limits = Build().Process!.Rlimits!.ToDictionary(l => l.Type);

        Assert.Equal((20000UL, 20000UL), (limits["RLIMIT_NOFILE"].Soft, limits["RLIMIT_NOFILE"].Hard));
        Assert.Equal((96364UL, 96364UL), (limits["RLIMIT_NPROC"].Soft, limits["RLIMIT_NPROC"].Hard));
        Assert.Equal((Rlimits.Unlimited, Rlimits.Unlimited), (limits["RLIMIT_CORE"].Soft, limits["RLIMIT_CORE"].Hard));
    }

    [Fact]
    public void Build_NoOptions_RunsImageCommandAsRootWithDefaultEnvironment()
    {
        var process = Build().Process!;

        Assert.Equal(["sh"], process.Args);
        Assert.Equal("/", process.Cwd);
        Assert.Equal(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=0123456789ab"], process.Env);
        Assert.Equal((0u, 0u), (process.User.Uid, process.User.Gid));
        Assert.False(process.Terminal);
        Assert.False(process.NoNewPrivileges);
        Assert.Null(process.OomScoreAdj);
    }
}
