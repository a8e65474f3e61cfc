using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Oci.Manifests;
using Berth.Runtime.Spec;
using static Berth.Runtime.Tests.Spec.SpecBuilderDefaultsTests;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecBuilderProcessTests
{
    private static readonly ContainerConfig Image = new()
    {
        Entrypoint = ["/entry"], Cmd = ["serve", "--port=80"], Env = ["PATH=/app/bin", "MODE=prod"], WorkingDir = "/app", User = "1000:1000",
    };

    [Fact]
    public void Build_ImageConfig_RunsEntrypointAndCommandInItsFolderAsItsUser()
    {
        var process = Build(image: Image).Process!;

        Assert.Equal(["/entry", "serve", "--port=80"], process.Args);
        Assert.Equal("/app", process.Cwd);
        Assert.Equal((1000u, 1000u), (process.User.Uid, process.User.Gid));
        Assert.Equal(["PATH=/app/bin", "HOSTNAME=0123456789ab", "MODE=prod"], process.Env);
    }

    [Fact]
    public void Build_Command_ReplacesImageCommandOnly()
    {
        Assert.Equal(["/entry", "check"], Build(new ContainerSpecOptions { Command = ["check"] }, Image).Process!.Args);
    }

    [Fact]
    public void Build_Entrypoint_DropsImageCommand()
    {
        Assert.Equal(["/bin/sh"], Build(new ContainerSpecOptions { Entrypoint = ["/bin/sh"] }, Image).Process!.Args);
        Assert.Equal(["/bin/sh", "-c", "x"], Build(new ContainerSpecOptions { Entrypoint = ["/bin/sh"], Command = ["-c", "x"] }, Image).Process!.Args);
    }

    [Fact]
    public void Build_NoCommandAnywhere_Throws()
    {
        var ex = Assert.Throws<InvalidArgumentException>(() => Build(image: new ContainerConfig()));

        Assert.Contains("no command", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EnvAndTty_OverrideImageValuesInPlace()
    {
        var process = Build(new ContainerSpecOptions { Env = ["MODE=dev", "EXTRA=1"], Tty = true, Hostname = "web" }, Image).Process!;

        Assert.Equal(["PATH=/app/bin", "HOSTNAME=web", "TERM=xterm", "MODE=dev", "EXTRA=1"], process.Env);
        Assert.True(process.Terminal);
    }

    [Fact]
    public void Build_EnvWithoutValue_Throws()
    {
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { Env = ["LONELY"] }));
    }

    [Fact]
    public void Build_WorkingDir_MustBeAbsolute()
    {
        Assert.Equal("/srv", Build(new ContainerSpecOptions { WorkingDir = "/srv" }, Image).Process!.Cwd);
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { WorkingDir = "srv" }));
    }

    [Fact]
    public void Build_UserNameWithoutRootfs_Throws()
    {
        var ex = Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { User = "app" }));

        Assert.Contains("not in the image's /etc/passwd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SecurityFlags_SetProcessAndRoot()
    {
        var spec = Build(new ContainerSpecOptions { NoNewPrivileges = true, ReadonlyRootfs = true, OomScoreAdj = 500 });

        Assert.True(spec.Process!.NoNewPrivileges);
        Assert.True(spec.Root!.Readonly);
        Assert.Equal(500, spec.Process.OomScoreAdj);
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { OomScoreAdj = 1001 }));
    }

    [Fact]
    public void Build_Ulimit_ReplacesDefaultAndMayNotExceedHost()
    {
        var limits = Build(new ContainerSpecOptions { Ulimits = [Rlimits.ParseUlimit("nofile=1024:2048"), Rlimits.ParseUlimit("memlock=-1")] })
            .Process!.Rlimits!;

        Assert.Single(limits, l => l is { Type: "RLIMIT_NOFILE", Soft: 1024, Hard: 2048 });
        Assert.Single(limits, l => l is { Type: "RLIMIT_MEMLOCK", Soft: Rlimits.Unlimited, Hard: Rlimits.Unlimited });
        var ex = Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { Ulimits = [Rlimits.ParseUlimit("nofile=30000")] }));
        Assert.Contains("20000", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nofile")]
    [InlineData("bogus=1")]
    [InlineData("nofile=2:1")]
    [InlineData("nofile=a")]
    [InlineData("nofile=1:2:3")]
    public void ParseUlimit_Invalid_Throws(string text)
    {
        Assert.Throws<InvalidArgumentException>(() => Rlimits.ParseUlimit(text));
    }

    [Fact]
    public void Build_AnnotationsSysctlsAndCgroupsPath_AreCopied()
    {
        var spec = Build(new ContainerSpecOptions
        {
            Annotations = new Dictionary<string, string> { ["org.example"] = "1" },
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1", ["kernel.shmmax"] = "100" },
            CgroupsPath = "/custom/path",
        });

        Assert.Equal("1", spec.Annotations!["org.example"]);
        Assert.Equal(2, spec.Linux!.Sysctl!.Count);
        Assert.Equal("/custom/path", spec.Linux.CgroupsPath);
    }

    [Fact]
    public void Build_SysctlOutsideContainerNamespaces_Throws()
    {
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { Sysctls = new Dictionary<string, string> { ["kernel.hostname"] = "x" } }));
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions
        {
            NetworkNamespace = ContainerSpecOptions.HostNetwork, Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" },
        }));
    }

    [Fact]
    public void Build_NetworkNamespacePath_JoinsIt()
    {
        var spec = Build(new ContainerSpecOptions { NetworkNamespace = "/var/run/netns/cni-1" });

        Assert.Equal("/var/run/netns/cni-1", spec.Linux!.Namespaces!.Single(n => n.Type == "network").Path);
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { NetworkNamespace = "cni-1" }));
    }

    [Fact]
    public void Build_HostNetwork_SharesHostNetworkAndHostname()
    {
        var spec = Build(new ContainerSpecOptions { NetworkNamespace = ContainerSpecOptions.HostNetwork });

        Assert.Equal(["pid", "ipc", "mount"], spec.Linux!.Namespaces!.Select(n => n.Type));
        Assert.Null(spec.Hostname);
        Assert.DoesNotContain(spec.Process!.Env!, e => e.StartsWith("HOSTNAME=", StringComparison.Ordinal));
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { NetworkNamespace = "host", Hostname = "x" }));
    }
}
