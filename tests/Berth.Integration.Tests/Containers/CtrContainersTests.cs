using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Containers;

/// <summary>
/// `ctr containers` against berthd's Containers service. ctr makes the container's snapshot itself, through the
/// Snapshots service and under a lease it drops at the end: from then on only the container record keeps it.
/// </summary>
public sealed class CtrContainersTests(EngineFixture engine)
{
    [Fact]
    public async Task CreateListInfoLabelRemove_TheContainerKeepsItsSnapshotUntilRemoved()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        // A private daemon: the test forces collections, which must not reach into other tests' unleased objects.
        await using var daemon = await BerthDaemon.StartNewAsync();
        string ns = Names.Namespace();
        await Ok(daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef);

        await Ok(daemon, ns, "containers", "create", engine.BusyboxRef, "web");

        Assert.Matches($@"(?m)^CONTAINER\s+IMAGE\s+RUNTIME\s*$", (await Ok(daemon, ns, "containers", "ls")).Stdout);
        Assert.Matches($@"(?m)^web\s+{Regex.Escape(engine.BusyboxRef)}\s+io\.containerd\.runc\.v2\s*$", (await Ok(daemon, ns, "c", "ls")).Stdout);
        Assert.Equal("web\n", (await Ok(daemon, ns, "c", "ls", "-q")).Stdout);
        var info = (await Ok(daemon, ns, "c", "info", "web")).Stdout;
        Assert.Contains("\"SnapshotKey\": \"web\"", info, StringComparison.Ordinal);
        Assert.Contains("\"Snapshotter\": \"overlayfs\"", info, StringComparison.Ordinal);
        Assert.Contains("\"ociVersion\":", info, StringComparison.Ordinal);
        Assert.Contains("\"Name\": \"io.containerd.runc.v2\"", info, StringComparison.Ordinal);
        Assert.Contains($"\"Image\": \"{engine.BusyboxRef}\"", info, StringComparison.Ordinal);

        // ctr's lease is gone: a collection now keeps the snapshot only because the container names it.
        await CollectAsync(daemon, ns);
        Assert.Matches(@"(?m)^web\s+sha256:[0-9a-f]{64}\s+Active\s*$", (await Ok(daemon, ns, "snapshots", "ls")).Stdout);

        Assert.Contains("team=blue", (await Ok(daemon, ns, "c", "label", "web", "team=blue")).Stdout, StringComparison.Ordinal);
        Assert.Contains("\"team\": \"blue\"", (await Ok(daemon, ns, "c", "info", "web")).Stdout, StringComparison.Ordinal);
        Assert.Equal("web\n", (await Ok(daemon, ns, "c", "ls", "-q", "labels.team==blue")).Stdout);
        Assert.Equal("", (await Ok(daemon, ns, "c", "ls", "-q", "labels.team==red")).Stdout);
        await Ok(daemon, ns, "c", "label", "web", "team=");
        Assert.DoesNotContain("\"team\"", (await Ok(daemon, ns, "c", "info", "web")).Stdout, StringComparison.Ordinal);

        var busy = await Infrastructure.Ctr.RunAsync(daemon, ns, "namespaces", "rm", ns);
        Assert.True(busy.ExitCode != 0 && busy.Stderr.Contains("containers", StringComparison.Ordinal), busy.ToString());

        await Ok(daemon, ns, "c", "rm", "web");

        Assert.Equal("", (await Ok(daemon, ns, "c", "ls", "-q")).Stdout);
        Assert.DoesNotMatch(@"(?m)^web\s", (await Ok(daemon, ns, "snapshots", "ls")).Stdout);
        var gone = await Infrastructure.Ctr.RunAsync(daemon, ns, "c", "info", "web");
        Assert.True(gone.ExitCode != 0 && gone.Stderr.Contains("not found", StringComparison.Ordinal), gone.ToString());
    }

    [Fact]
    public async Task Create_SameIdTwice_FailsWithAlreadyExists_AndKeepsTheFirst()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        await Ok(engine.Daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef);
        await Ok(engine.Daemon, ns, "c", "create", "--label", "first=yes", engine.BusyboxRef, "dup");
        using var rootfs = new Berth.Testing.TempDirectory("rootfs");

        // The image's way stops at the snapshot ctr prepares under the same key; a rootfs outside any snapshotter
        // reaches the Containers service, which refuses the id.
        var again = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "c", "create", engine.BusyboxRef, "dup");
        var rootfsAgain = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "c", "create", "--rootfs", rootfs.Path, "dup");

        Assert.True(again.ExitCode != 0 && again.Stderr.Contains("already exists", StringComparison.Ordinal), again.ToString());
        Assert.True(rootfsAgain.ExitCode != 0, rootfsAgain.ToString());
        Assert.Matches(@"ctr: container dup already exists in namespace \S+: .*: already exists", rootfsAgain.Stderr);
        Assert.Contains("\"first\": \"yes\"", (await Ok(engine.Daemon, ns, "c", "info", "dup")).Stdout, StringComparison.Ordinal);
        Assert.Equal("dup\n", (await Ok(engine.Daemon, ns, "c", "ls", "-q")).Stdout);
        await Ok(engine.Daemon, ns, "c", "rm", "dup");
        Assert.DoesNotMatch(@"(?m)^dup\s", (await Ok(engine.Daemon, ns, "snapshots", "ls")).Stdout);
    }

    [Fact]
    public async Task List_FiltersByIdImageAndRuntime_AndRootfsContainersHaveNoImage()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        using var rootfs = new Berth.Testing.TempDirectory("rootfs");
        await Ok(engine.Daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef);
        await Ok(engine.Daemon, ns, "c", "create", engine.BusyboxRef, "from-image");
        await Ok(engine.Daemon, ns, "c", "create", "--rootfs", rootfs.Path, "from-rootfs");
        try
        {
            Assert.Equal("from-image\nfrom-rootfs\n", (await Ok(engine.Daemon, ns, "c", "ls", "-q")).Stdout);
            Assert.Equal("from-rootfs\n", (await Ok(engine.Daemon, ns, "c", "ls", "-q", "id==from-rootfs")).Stdout);
            Assert.Equal("from-image\n", (await Ok(engine.Daemon, ns, "c", "ls", "-q", $"image=={engine.BusyboxRef}")).Stdout);
            Assert.Equal("from-image\nfrom-rootfs\n", (await Ok(engine.Daemon, ns, "c", "ls", "-q", "runtime.name==io.containerd.runc.v2")).Stdout);
            Assert.Matches(@"(?m)^from-rootfs\s+-\s+io\.containerd\.runc\.v2\s*$", (await Ok(engine.Daemon, ns, "c", "ls")).Stdout);
            Assert.Contains("\"SnapshotKey\": \"\"", (await Ok(engine.Daemon, ns, "c", "info", "from-rootfs")).Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "c", "rm", "from-image", "from-rootfs");
        }
    }

    /// <summary>A synchronous lease delete runs a collection before it answers.</summary>
    private static async Task CollectAsync(BerthDaemon daemon, string ns)
    {
        await Ok(daemon, ns, "leases", "create", "--id", "collect-now");
        await Ok(daemon, ns, "leases", "delete", "--sync", "collect-now");
    }

    private static async Task<ProcessResult> Ok(BerthDaemon daemon, string ns, params string[] arguments)
    {
        var result = await Infrastructure.Ctr.RunAsync(daemon, ns, arguments);
        Assert.True(result.ExitCode == 0, $"ctr {string.Join(' ', arguments)}: {result}\n{daemon.Log[^Math.Min(daemon.Log.Length, 4000)..]}");
        return result;
    }
}
