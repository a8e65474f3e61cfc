using Berth.Core.Containers.Options;
using Berth.Testing;

namespace Berth.Engine.Tests;

public sealed class EtcFilesTests
{
    [Fact]
    public void Resolvers_OwnNetwork_DropsTheHostsLoopbackResolvers()
    {
        using var dir = new TempDirectory("etc");
        File.WriteAllText(dir.Combine("resolv.conf"), "# host\nsearch example.org\nnameserver 127.0.0.1\nnameserver ::1\nnameserver 10.0.0.2\noptions ndots:2\n");

        Assert.Equal("# host\nsearch example.org\nnameserver 10.0.0.2\noptions ndots:2\n", EtcFiles.Resolvers(dir.Combine("resolv.conf"), hostNetwork: false));
    }

    [Fact]
    public void Resolvers_OnlyLoopbackResolvers_FallsBackToDockersPublicOnes()
    {
        using var dir = new TempDirectory("etc");
        File.WriteAllText(dir.Combine("resolv.conf"), "search lan\nnameserver 127.0.0.11\n");

        Assert.Equal("search lan\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n", EtcFiles.Resolvers(dir.Combine("resolv.conf"), hostNetwork: false));
        Assert.Equal("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", EtcFiles.Resolvers(dir.Combine("missing"), hostNetwork: false));
    }

    [Fact]
    public void Resolvers_HostNetwork_KeepsTheHostsFileAsItIs()
    {
        using var dir = new TempDirectory("etc");
        File.WriteAllText(dir.Combine("resolv.conf"), "nameserver 127.0.0.1\n");

        Assert.Equal("nameserver 127.0.0.1\n", EtcFiles.Resolvers(dir.Combine("resolv.conf"), hostNetwork: true));
    }

    [Fact]
    public void Write_MakesTheThreeFilesAndBindsThem_ReadOnlyWithAReadOnlyRoot()
    {
        using var dir = new TempDirectory("etc");
        var spec = EtcFiles.Write(dir.Combine("c1"), "box", new ContainerSpecOptions { ReadonlyRootfs = true });

        Assert.Equal("box\n", File.ReadAllText(dir.Combine("c1", "hostname")));
        Assert.StartsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n", File.ReadAllText(dir.Combine("c1", "hosts")), StringComparison.Ordinal);
        Assert.Contains("nameserver ", File.ReadAllText(dir.Combine("c1", "resolv.conf")), StringComparison.Ordinal);
        Assert.Equal(["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"], spec.Binds.Select(b => b.Destination));
        Assert.All(spec.Binds, b => Assert.True(b.ReadOnly && !b.Recursive));
        Assert.Equal(dir.Combine("c1", "hosts"), spec.Binds[1].Source);
    }

    [Fact]
    public void Write_TheUsersOwnMountThere_Wins()
    {
        using var dir = new TempDirectory("etc");
        var mine = new BindMount("/srv/hosts", "/etc/hosts");
        var spec = EtcFiles.Write(dir.Combine("c2"), "box", new ContainerSpecOptions
        {
            Binds = [mine], Tmpfs = [new TmpfsMount("/etc/resolv.conf", [])],
        });

        Assert.Equal([mine.Destination, "/etc/hostname"], spec.Binds.Select(b => b.Destination));
        Assert.Same(mine, spec.Binds[0]);
        Assert.False(spec.Binds[1].ReadOnly);
    }
}
