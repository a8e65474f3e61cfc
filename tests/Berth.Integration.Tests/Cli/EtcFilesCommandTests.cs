using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>The container's own /etc/hostname, /etc/hosts, /etc/resolv.conf and /etc/mtab, as dockerd makes them.</summary>
public sealed class EtcFilesCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Run_GetsItsOwnEtcFiles_ShownByInspect()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "named", "--hostname", "hx", session.Image, "sleep", "600");

        var inside = await session.OkAsync("exec", "named", "sh", "-c",
            "cat /etc/hostname; echo --; cat /etc/hosts; echo --; cat /etc/resolv.conf; echo --; readlink /etc/mtab; echo hi >> /etc/hosts && tail -1 /etc/hosts");
        string[] parts = inside.Stdout.Split("--\n");
        Assert.Equal("hx\n", parts[0]);
        Assert.StartsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n", parts[1], StringComparison.Ordinal);
        // The host's resolvers, less those on the host's loopback, which the container's network cannot reach.
        Assert.Equal(ExpectedResolvers(), parts[2]);
        Assert.Equal("/proc/mounts\nhi\n", parts[3]);

        // inspect names the files on the host; what the container wrote is there.
        var paths = (await session.OkAsync("inspect", "-f", "{{.HostnamePath}}|{{.HostsPath}}|{{.ResolvConfPath}}", "named")).Stdout.Trim().Split('|');
        Assert.Equal("hx\n", await File.ReadAllTextAsync(paths[0], TestContext.Current.CancellationToken));
        Assert.EndsWith("hi\n", await File.ReadAllTextAsync(paths[1], TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(ExpectedResolvers(), await File.ReadAllTextAsync(paths[2], TestContext.Current.CancellationToken));

        await session.OkAsync("rm", "-f", "named");
        Assert.False(File.Exists(paths[1]), "the container's folder goes with it");
    }

    [Fact]
    public async Task ReadOnlyRootOrTheUsersOwnFile_AsDocker()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        var refused = Expect(1, await session.RunAsync("run", "--rm", "--read-only", session.Image, "sh", "-c", "echo x >> /etc/hosts"));
        Assert.Contains("Read-only file system", refused.Stderr, StringComparison.Ordinal);

        using var host = new TempDirectory("etc-hosts");
        await File.WriteAllTextAsync(host.Combine("hosts"), "10.1.2.3\tmine\n", TestContext.Current.CancellationToken);
        var mine = await session.OkAsync("run", "--rm", "-v", host.Combine("hosts") + ":/etc/hosts:ro", session.Image, "cat", "/etc/hosts");
        Assert.Equal("10.1.2.3\tmine\n", mine.Stdout);
    }

    private static string ExpectedResolvers()
    {
        var kept = File.ReadAllLines("/etc/resolv.conf")
            .Where(l => !(l.StartsWith("nameserver 127.", StringComparison.Ordinal) || l.StartsWith("nameserver ::1", StringComparison.Ordinal)))
            .ToList();
        return kept.Any(l => l.StartsWith("nameserver", StringComparison.Ordinal))
            ? string.Join('\n', kept).TrimEnd('\n') + "\n"
            : string.Join('\n', kept.Append("nameserver 8.8.8.8").Append("nameserver 8.8.4.4")).TrimStart('\n') + "\n";
    }
}
