using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Ctr;

/// <summary>The root filesystem `berth pull` unpacks in berthd for an image is the one `ctr pull` unpacks in containerd, file by file.</summary>
public sealed class UnpackParityTests(EngineFixture engine)
{
    [Theory]
    [InlineData("rich")]
    [InlineData("rich-mixed")]
    [InlineData("layered")]
    public async Task Unpack_SameImage_GivesTheSameRootfsAsContainerd(string image)
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string reference = image switch { "rich" => engine.RichRef, "rich-mixed" => engine.RichMixedRef, _ => engine.LayeredRef };
        await using var containerd = await ContainerdDaemon.StartAsync();
        string ns = Names.Namespace();

        (await containerd.CtrAsync(ns, "images", "pull", "--plain-http", reference)).EnsureSuccess("ctr pull");
        var expected = await SnapshotRootfs.DescribeTopAsync(args => containerd.CtrAsync(ns, args));
        (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", reference)).EnsureSuccess("berth pull");
        var actual = await SnapshotRootfs.DescribeTopAsync(args => Infrastructure.Ctr.RunAsync(engine.Daemon, ns, args));

        var differences = RootfsTree.Differences(expected, actual);
        Assert.True(differences.Count == 0, string.Join('\n', differences));
        Assert.True(expected.Count > 10, "the comparison saw the files");
    }
}
