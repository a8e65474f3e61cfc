using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Testing;
using static Berth.Runtime.Tests.Spec.SpecBuilderDefaultsTests;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecBuilderSecurityTests
{
    [Fact]
    public void Build_CapAddAndDrop_ChangeTheDefaultSet()
    {
        var caps = Build(new ContainerSpecOptions { CapAdd = ["net_admin", "CAP_SYS_PTRACE"], CapDrop = ["MKNOD", "cap_net_raw"] }).Process!.Capabilities!;

        Assert.Contains("CAP_NET_ADMIN", caps.Bounding!);
        Assert.Contains("CAP_SYS_PTRACE", caps.Effective!);
        Assert.DoesNotContain("CAP_MKNOD", caps.Permitted!);
        Assert.DoesNotContain("CAP_NET_RAW", caps.Bounding!);
        Assert.Equal(14, caps.Bounding!.Count);
    }

    [Fact]
    public void Build_DropAll_KeepsOnlyAdditions()
    {
        Assert.Equal(["CAP_CHOWN"], Build(new ContainerSpecOptions { CapDrop = ["ALL"], CapAdd = ["CHOWN"] }).Process!.Capabilities!.Bounding);
    }

    [Fact]
    public void Build_AddAll_GivesHostCapabilitiesButDrops()
    {
        var bounding = Build(new ContainerSpecOptions { CapAdd = ["all"], CapDrop = ["MKNOD"] }).Process!.Capabilities!.Bounding!;

        Assert.Equal(FakeHost.Create().Capabilities.Count - 1, bounding.Count);
        Assert.DoesNotContain("CAP_MKNOD", bounding);
        Assert.DoesNotContain("CAP_SYS_RESOURCE", bounding);
    }

    [Theory]
    [InlineData("NOT_A_CAP")]
    [InlineData("SYS_RESOURCE")]
    public void Build_CapAddUnknownOrNotHeld_Throws(string capability)
    {
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { CapAdd = [capability] }));
    }

    [Fact]
    public void Build_Privileged_LiftsConfinement()
    {
        var spec = Build(new ContainerSpecOptions { Privileged = true });

        Assert.Equal(FakeHost.Create().Capabilities, spec.Process!.Capabilities!.Bounding);
        Assert.Null(spec.Linux!.Seccomp);
        Assert.Null(spec.Linux.MaskedPaths);
        Assert.Null(spec.Linux.ReadonlyPaths);
        Assert.Equal("rw", spec.Mounts!.Single(m => m.Destination == "/sys").Options![0]);
        Assert.Equal("rw", spec.Mounts!.Single(m => m.Destination == "/sys/fs/cgroup").Options![0]);
        var rule = Assert.Single(spec.Linux.Resources!.Devices!);
        Assert.True(rule is { Allow: true, Type: null, Access: "rwm" });
        Assert.Contains(spec.Linux.Devices!, d => d is { Path: "/dev/null", Type: "c", Major: 1, Minor: 3 });
        Assert.DoesNotContain(spec.Linux.Devices!, d => d.Path.StartsWith("/dev/pts/", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SeccompUnconfined_HasNoFilter()
    {
        Assert.Null(Build(new ContainerSpecOptions { Seccomp = "unconfined" }).Linux!.Seccomp);
    }

    [Fact]
    public void Build_SeccompProfileFile_IsResolvedForTheContainer()
    {
        using var folder = new TempDirectory("spec-seccomp");
        string path = folder.Combine("profile.json");
        File.WriteAllText(path, """
            {"defaultAction":"SCMP_ACT_ERRNO","archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":["SCMP_ARCH_X86"]}],
             "syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"},
                         {"name":"mount","action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}},
                         {"names":["getpid"],"action":"SCMP_ACT_LOG","excludes":{"arches":["amd64"]}}]}
            """);

        var seccomp = Build(new ContainerSpecOptions { Seccomp = path }).Linux!.Seccomp!;
        var admin = Build(new ContainerSpecOptions { Seccomp = File.ReadAllText(path), CapAdd = ["SYS_ADMIN"] }).Linux!.Seccomp!;

        Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], seccomp.Architectures);
        Assert.Equal(["read", "write"], Assert.Single(seccomp.Syscalls!).Names);
        Assert.Equal(["mount"], admin.Syscalls![1].Names);
    }

    [Theory]
    [InlineData("{\"defaultAction\": 3}")]
    [InlineData("/nonexistent/profile.json")]
    [InlineData("""{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],"archMap":[{"architecture":"SCMP_ARCH_X86_64"}]}""")]
    [InlineData("""{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"name":"a","names":["b"],"action":"SCMP_ACT_ALLOW"}]}""")]
    [InlineData("""{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["b"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"new"}}]}""")]
    public void Build_BadSeccompProfile_Throws(string profile)
    {
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { Seccomp = profile }));
    }

    [Fact]
    public void Build_ProfileWithMinKernel_KeepsRulesTheKernelMeets()
    {
        const string Profile = """
            {"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
              {"names":["old"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8"}},
              {"names":["future"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"7.0"}},
              {"names":["legacy"],"action":"SCMP_ACT_ALLOW","excludes":{"minKernel":"5.0"}}]}
            """;

        var names = Build(new ContainerSpecOptions { Seccomp = Profile }).Linux!.Seccomp!.Syscalls!.SelectMany(s => s.Names);

        Assert.Equal(["old"], names);
    }

    [Fact]
    public void Build_EmptyProfile_DisablesSeccomp()
    {
        Assert.Null(Build(new ContainerSpecOptions { Seccomp = "{}" }).Linux!.Seccomp);
    }
}
