using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Ctr;

/// <summary>The root filesystem berthd unpacks for an image is containerd's, file by file.</summary>
public sealed class UnpackParityTests(EngineFixture engine)
{
    [Theory]
    [InlineData("rich")]
    [InlineData("layered")]
    public async Task Unpack_SameImage_GivesTheSameRootfsAsContainerd(string image)
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string reference = image == "rich" ? engine.RichRef : engine.LayeredRef;
        await using var containerd = await ContainerdDaemon.StartAsync();
        await using var berthd = await BerthDaemon.StartNewAsync();
        const string ns = "parity";

        var expected = await UnpackAsync((args) => containerd.CtrAsync(ns, args), reference);
        var actual = await UnpackAsync((args) => Infrastructure.Ctr.RunAsync(berthd, ns, args), reference);

        var differences = RootfsTree.Differences(expected, actual);
        Assert.True(differences.Count == 0, string.Join('\n', differences));
        Assert.True(expected.Count > 10, "the comparison saw the files");
    }

    /// <summary>Pulls, mounts a view of the top snapshot, describes it, unmounts.</summary>
    private static async Task<SortedDictionary<string, string>> UnpackAsync(Func<string[], Task<ProcessResult>> ctr, string reference)
    {
        (await ctr(["images", "pull", "--plain-http", reference])).EnsureSuccess("pull");
        var rows = (await ctr(["snapshots", "ls"])).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        string top = rows.Select(r => r[0]).Single(key => rows.All(r => r.Length < 3 || r[1] != key));
        using var target = new Berth.Testing.TempDirectory("parity");
        // The view is made and its mount printed in one call: an unleased view may be collected by the daemon's next
        // collection (the pull's lease deletion schedules one), but the parents it mounts belong to the image.
        var view = (await ctr(["snapshots", "view", "--target", target.Path, "parity-view", top])).EnsureSuccess("view");
        string mount = view.Stdout.Trim();
        var mounted = (await ProcessRunner.RunAsync("/bin/sh", ["-c", mount])).EnsureSuccess(mount);
        if (!File.ReadAllText("/proc/self/mountinfo").Contains(target.Path, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"not mounted after [{mount}]: {mounted}");
        }

        try
        {
            return RootfsTree.Describe(target.Path);
        }
        finally
        {
            Linux.LinuxSyscalls.Instance.Unmount(target.Path);
        }
    }
}
