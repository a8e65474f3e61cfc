using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Operations.Images;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Images;

public sealed class ImagePruneTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };

    [Fact]
    public async Task Prune_Dangling_RemovesOnlyUntaggedImages()
    {
        TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);
        var dangling = TestImages.Add(_client, "b", null, [10], []);
        string record = DanglingNames.For(dangling.TargetDigest);
        await _client.Images.CreateAsync(new Core.Images.Image(record, new Descriptor(MediaTypes.OciManifest, dangling.TargetDigest, 1)),
            TestContext.Current.CancellationToken);

        await PruneAsync(all: false, force: true, answer: "");

        Assert.Equal($"Deleted Images:\ndeleted: {dangling.ConfigDigest}\n\nTotal reclaimed space: 0B\n", _stdout.ToString());
        Assert.Equal(["docker.io/library/busybox:latest"], _client.ImageStore.Names);
    }

    [Fact]
    public async Task Prune_All_UntagsAndDeletesEveryImage()
    {
        var image = TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);

        await PruneAsync(all: true, force: true, answer: "");

        Assert.Equal($"Deleted Images:\nuntagged: busybox:latest\ndeleted: {image.ConfigDigest}\n\nTotal reclaimed space: 0B\n", _stdout.ToString());
        Assert.Empty(_client.ImageStore.Names);
    }

    [Fact]
    public async Task Prune_NotConfirmed_RemovesNothing()
    {
        TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);

        await PruneAsync(all: true, force: false, answer: "n\n");

        Assert.Equal("WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ",
            _stdout.ToString());
        Assert.Single(_client.ImageStore.Names);
    }

    [Fact]
    public async Task Prune_NothingDangling_OnlyTheTotal()
    {
        TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);

        await PruneAsync(all: false, force: false, answer: "y\n");

        Assert.EndsWith("[y/N] Total reclaimed space: 0B\n", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiskUsage_UnpackedImagesSharingALayer_CountsItOnce()
    {
        var first = TestImages.Add(_client, "a", null, [10], ["docker.io/library/one:latest"]);
        var second = TestImages.Add(_client, "a", DateTimeOffset.UnixEpoch, [10], ["docker.io/library/two:latest"]);
        _client.Usage[(ImageDefaults.Snapshotter, first.DiffIds[0].ToString())] = 2_000_000;
        Assert.Equal(first.DiffIds, second.DiffIds);

        await ImageOperations.DiskUsageAsync(_client, new SystemDiskUsageOptions { Stdout = _stdout }, TestContext.Current.CancellationToken);

        Assert.Equal(
            "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\n" +
            "Images          2         0         2MB       2MB (100%)\n" +
            "Containers      0         0         0B        0B\n" +
            "Local Volumes   0         0         0B        0B\n" +
            "Build Cache     0         0         0B        0B\n", _stdout.ToString());
    }

    private Task PruneAsync(bool all, bool force, string answer)
        => ImageOperations.PruneAsync(_client, new ImagePruneOptions { All = all, Force = force, Stdin = new StringReader(answer), Stdout = _stdout },
            TestContext.Current.CancellationToken);
}
