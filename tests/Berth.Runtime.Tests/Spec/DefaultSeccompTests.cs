using Berth.Core.Containers.Options;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Tests.Spec;

public sealed class DefaultSeccompTests
{
    [Theory]
    [InlineData("amd64", new[] { "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32" })]
    [InlineData("arm64", new[] { "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM" })]
    public void Build_DefaultSeccomp_FailsUnlistedSyscallsWithEpermOnNativeArchitectures(string architecture, string[] expected)
    {
        var seccomp = SpecBuilderDefaultsTests.Build(architecture: architecture).Linux!.Seccomp!;

        Assert.Equal(SeccompActions.Errno, seccomp.DefaultAction);
        Assert.Equal(1u, seccomp.DefaultErrnoRet);
        Assert.Equal(expected, seccomp.Architectures);
    }

    [Fact]
    public void Build_DefaultSeccomp_AllowsArchitectureSyscallsOfTheHostOnly()
    {
        var amd64 = AllowedUnconditionally(SpecBuilderDefaultsTests.Build(architecture: "amd64"));
        var arm64 = AllowedUnconditionally(SpecBuilderDefaultsTests.Build(architecture: "arm64"));

        Assert.Contains("arch_prctl", amd64);
        Assert.DoesNotContain("cacheflush", amd64);
        Assert.Contains("cacheflush", arm64);
        Assert.DoesNotContain("arch_prctl", arm64);
    }

    [Fact]
    public void Build_DefaultSeccomp_RefusesNamespaceAndMountSyscallsWithoutSysAdmin()
    {
        var seccomp = SpecBuilderDefaultsTests.Build().Linux!.Seccomp!;
        var allowed = AllowedUnconditionally(seccomp);

        Assert.Contains("read", allowed);
        Assert.Contains("fchmodat2", allowed);
        foreach (string name in new[] { "unshare", "setns", "mount", "umount2", "bpf", "io_uring_setup", "reboot", "kexec_load" })
        {
            Assert.DoesNotContain(name, allowed);
        }

        var clone = Assert.Single(seccomp.Syscalls!, s => s.Names.Contains("clone"));
        var flags = Assert.Single(clone.Args!);
        Assert.Equal((0u, 0x7E020000UL, 0UL, SeccompOperators.MaskedEqual), (flags.Index, flags.Value, flags.ValueTwo, flags.Op));
        var clone3 = Assert.Single(seccomp.Syscalls!, s => s.Names.Contains("clone3"));
        Assert.Equal((SeccompActions.Errno, 38u), (clone3.Action, clone3.ErrnoRet));
    }

    [Fact]
    public void Build_DefaultSeccomp_AllowsPersonalityForSafeDomainsOnly()
    {
        var rules = SpecBuilderDefaultsTests.Build().Linux!.Seccomp!.Syscalls!.Where(s => s.Names.Contains("personality")).ToList();

        Assert.Equal([0x0UL, 0x8, 0x20000, 0x20008, 0xffffffff], rules.Select(r => Assert.Single(r.Args!).Value));
        Assert.All(rules, r => Assert.Equal(SeccompOperators.EqualTo, r.Args![0].Op));
    }

    [Fact]
    public void Build_DefaultSeccomp_AllowsSocketsButVsock()
    {
        var socket = Assert.Single(SpecBuilderDefaultsTests.Build().Linux!.Seccomp!.Syscalls!, s => s.Names.Contains("socket"));

        Assert.Equal((0u, 40UL, SeccompOperators.NotEqual), (socket.Args![0].Index, socket.Args[0].Value, socket.Args[0].Op));
    }

    [Fact]
    public void Build_CapAddSysAdmin_AllowsNamespaceSyscallsWithoutCloneRules()
    {
        var seccomp = SpecBuilderDefaultsTests.Build(new ContainerSpecOptions { CapAdd = ["SYS_ADMIN"] }).Linux!.Seccomp!;
        var allowed = AllowedUnconditionally(seccomp);

        Assert.Contains("unshare", allowed);
        Assert.Contains("clone3", allowed);
        Assert.Contains("mount", allowed);
        Assert.DoesNotContain(seccomp.Syscalls!, s => s.Names.Contains("clone") && s.Args is not null);
        Assert.DoesNotContain(seccomp.Syscalls!, s => s.Action == SeccompActions.Errno);
    }

    [Theory]
    [InlineData("SYS_TIME", "clock_settime")]
    [InlineData("SYS_PTRACE", "kcmp")]
    [InlineData("SYS_MODULE", "finit_module")]
    [InlineData("DAC_READ_SEARCH", "open_by_handle_at")]
    [InlineData("SYS_NICE", "mbind")]
    public void Build_CapAdd_AllowsTheSyscallsTheCapabilityGates(string capability, string syscall)
    {
        Assert.DoesNotContain(syscall, AllowedUnconditionally(SpecBuilderDefaultsTests.Build()));

        Assert.Contains(syscall, AllowedUnconditionally(SpecBuilderDefaultsTests.Build(new ContainerSpecOptions { CapAdd = [capability] })));
    }

    private static HashSet<string> AllowedUnconditionally(RuntimeSpec spec) => AllowedUnconditionally(spec.Linux!.Seccomp!);

    private static HashSet<string> AllowedUnconditionally(LinuxSeccomp seccomp) =>
        [.. seccomp.Syscalls!.Where(s => s.Action == SeccompActions.Allow && s.Args is null).SelectMany(s => s.Names)];
}
