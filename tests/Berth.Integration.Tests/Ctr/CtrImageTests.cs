using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Ctr;

/// <summary>
/// `ctr images pull` does the fetching and unpacking itself, through berthd's content, images, leases, snapshots and
/// diff services; these tests check what it leaves behind.
/// </summary>
public sealed class CtrImageTests(EngineFixture engine)
{
    [Fact]
    public async Task Pull_ListsImageContentAndSnapshot()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var pull = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef);
        Assert.True(pull.ExitCode == 0, pull + engine.Daemon.Log);

        var images = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls");
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(engine.BusyboxRef)}\s+application/vnd\.oci\.image\.manifest\.v1\+json\s+sha256:", images.Stdout);

        // manifest, config and one layer, each labelled by ctr for the garbage collector.
        var content = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "content", "ls");
        Assert.Equal(3, content.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
        Assert.Contains("containerd.io/gc.ref.content.l.0=", content.Stdout, StringComparison.Ordinal);
        Assert.Contains("containerd.io/gc.ref.snapshot.overlayfs=", content.Stdout, StringComparison.Ordinal);

        var snapshots = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "snapshots", "ls");
        Assert.Matches(@"(?m)^sha256:[0-9a-f]{64}\s+Committed\s*$", snapshots.Stdout);
    }

    [Fact]
    public async Task Pull_LayeredImage_UnpacksWhiteoutsIntoTheRootfs()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        // The view below has no lease: on the shared daemon another test's delete could collect it before the mount.
        await using var daemon = await BerthDaemon.StartNewAsync();
        string ns = Names.Namespace();
        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(daemon, ns, "images", "pull", "--plain-http", engine.LayeredRef)).ExitCode);

        // The top snapshot is the one no other snapshot names as its parent.
        var lines = (await Infrastructure.Ctr.RunAsync(daemon, ns, "snapshots", "ls")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(3, lines.Count);
        string top = lines.Select(l => l[0]).Single(key => lines.All(l => l.Length < 3 || l[1] != key));

        using var target = new Berth.Testing.TempDirectory("rootfs");
        // One call makes the view and prints its mount: the unleased view may go at the next collection, its parents stay.
        var view = await Infrastructure.Ctr.RunAsync(daemon, ns, "snapshots", "view", "--target", target.Path, "check-view", top);
        Assert.True(view.ExitCode == 0, view.ToString());
        string mount = view.Stdout.Trim();
        Assert.StartsWith("mount ", mount, StringComparison.Ordinal);
        (await ProcessRunner.RunAsync("/bin/sh", ["-c", mount])).EnsureSuccess(mount);
        try
        {
            Assert.Equal("two\n", await File.ReadAllTextAsync(Path.Combine(target.Path, "etc/second")));
            Assert.Equal("x", await File.ReadAllTextAsync(Path.Combine(target.Path, "opt/data")));
            Assert.False(File.Exists(Path.Combine(target.Path, "etc/added")), "the whiteout in the third layer hides etc/added");
            Assert.True(File.Exists(Path.Combine(target.Path, "bin/busybox")));
            Assert.Equal("busybox", new FileInfo(Path.Combine(target.Path, "bin/sh")).LinkTarget);
        }
        finally
        {
            Linux.LinuxSyscalls.Instance.Unmount(target.Path);
        }

    }

    [Fact]
    public async Task ImagesRm_WithGc_LeavesNoBlobAndNoSnapshotOnDisk()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        // A private daemon, so that "nothing on disk" is not disturbed by other tests' images.
        await using var daemon = await BerthDaemon.StartNewAsync();
        const string ns = "gc-test";
        var pull = await Infrastructure.Ctr.RunAsync(daemon, ns, "images", "pull", "--plain-http", engine.LayeredRef);
        Assert.True(pull.ExitCode == 0, pull + daemon.Log);
        string blobs = Path.Combine(daemon.Root, "content", "blobs", "sha256");
        string snapshots = Path.Combine(daemon.Root, "snapshots", "overlayfs", "snapshots");
        Assert.Equal(5, Directory.GetFiles(blobs).Length); // manifest, config, three layers
        Assert.Equal(3, Directory.GetDirectories(snapshots).Length);

        var rm = await Infrastructure.Ctr.RunAsync(daemon, ns, "images", "rm", "--sync", engine.LayeredRef);
        Assert.True(rm.ExitCode == 0, rm.ToString());

        Assert.Empty(Directory.GetFiles(blobs));
        Assert.Empty(Directory.GetDirectories(snapshots));
        Assert.Single((await Infrastructure.Ctr.RunAsync(daemon, ns, "content", "ls")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Single((await Infrastructure.Ctr.RunAsync(daemon, ns, "snapshots", "ls")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Pull_TwoNamespaces_ShareBlobsButNotRecords()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string a = Names.Namespace() + "a", b = Names.Namespace() + "b";
        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, a, "images", "pull", "--plain-http", engine.BusyboxRef)).ExitCode);
        Assert.Contains(engine.BusyboxRef, (await Infrastructure.Ctr.RunAsync(engine.Daemon, a, "images", "ls")).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.BusyboxRef, (await Infrastructure.Ctr.RunAsync(engine.Daemon, b, "images", "ls")).Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, b, "images", "pull", "--plain-http", engine.BusyboxRef)).ExitCode);
        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, a, "images", "rm", "--sync", engine.BusyboxRef)).ExitCode);
        var stillInB = await Infrastructure.Ctr.RunAsync(engine.Daemon, b, "content", "ls");
        Assert.Equal(4, stillInB.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
