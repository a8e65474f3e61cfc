using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Ctr;

/// <summary>The real ctr from Debian's containerd package against berthd: the commands that need no image.</summary>
public sealed class CtrBasicsTests(EngineFixture engine)
{
    [Fact]
    public async Task Version_ReportsServerVersion()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var result = await Infrastructure.Ctr.RunAsync(engine.Daemon, "default", "version");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Server:\s+Version:\s+v0\.\d+\.\d+", result.Stdout);
        Assert.Contains("UUID:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginsLs_ListsStoresAndServicesAsLoaded()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var result = await Infrastructure.Ctr.RunAsync(engine.Daemon, "default", "plugins", "ls");
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string expected in new[]
        {
            @"io\.containerd\.content\.v1\s+content\s+.*ok",
            @"io\.containerd\.snapshotter\.v1\s+overlayfs\s+linux/amd64\s+ok",
            @"io\.containerd\.snapshotter\.v1\s+native\s+linux/amd64\s+ok",
            @"io\.containerd\.grpc\.v1\s+images\s+.*ok",
            @"io\.containerd\.grpc\.v1\s+snapshots\s+.*ok",
        })
        {
            Assert.Matches(expected, result.Stdout);
        }
    }

    [Fact]
    public async Task Namespaces_CreateListRemove()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, "default", "namespaces", "create", ns, "team=blue")).ExitCode);
        var list = await Infrastructure.Ctr.RunAsync(engine.Daemon, "default", "namespaces", "ls");
        Assert.Matches($@"(?m)^{ns}\s+team=blue\s*$", list.Stdout);

        var duplicate = await Infrastructure.Ctr.RunAsync(engine.Daemon, "default", "namespaces", "create", ns);
        Assert.NotEqual(0, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, "default", "namespaces", "rm", ns)).ExitCode);
        Assert.DoesNotContain(ns, (await Infrastructure.Ctr.RunAsync(engine.Daemon, "default", "namespaces", "ls")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leases_CreateListRemove()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var created = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "leases", "create", "--id", "my-lease", "--expires", "1h");
        Assert.True(created.ExitCode == 0, created.ToString());
        var list = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "leases", "ls");
        Assert.Matches(@"(?m)^my-lease\s+\S+.*containerd\.io/gc\.expire=", list.Stdout);
        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "leases", "rm", "my-lease")).ExitCode);
        Assert.DoesNotContain("my-lease", (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "leases", "ls")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyNamespace_ContentSnapshotsLeasesAreEmptyLists()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        foreach (var command in new[] { new[] { "content", "ls" }, ["snapshots", "ls"], ["leases", "ls"], ["images", "ls"] })
        {
            var result = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, command);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)}: {result}");
            Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the header only
        }
    }
}
