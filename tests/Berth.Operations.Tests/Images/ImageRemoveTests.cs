using Berth.Operations.Images;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Images;

public sealed class ImageRemoveTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    [Fact]
    public async Task Remove_LastName_UntagsAndDeletes()
    {
        var image = TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);

        Assert.Equal(0, await RemoveAsync(false, "busybox"));

        Assert.Equal($"Untagged: busybox:latest\nDeleted: {image.ConfigDigest}\n", _stdout.ToString());
        Assert.Empty(_client.ImageStore.Names);
    }

    [Fact]
    public async Task Remove_OneOfSeveralNames_OnlyUntags()
    {
        TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest", "docker.io/library/busybox:v1"]);

        Assert.Equal(0, await RemoveAsync(false, "busybox:v1"));

        Assert.Equal("Untagged: busybox:v1\n", _stdout.ToString());
        Assert.Equal(["docker.io/library/busybox:latest"], _client.ImageStore.Names);
    }

    [Fact]
    public async Task Remove_IdOfAnImageInSeveralRepositories_NeedsForce()
    {
        var image = TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest", "127.0.0.1:5000/mine:v1"]);
        string id = image.ConfigDigest.Encoded[..12];

        Assert.Equal(1, await RemoveAsync(false, id[..5]));
        Assert.Equal($"Error response from daemon: conflict: unable to delete {id} (must be forced) - image is referenced in multiple repositories\n",
            _stderr.ToString());
        Assert.Equal(2, _client.ImageStore.Names.Count);

        Assert.Equal(0, await RemoveAsync(true, "sha256:" + id));
        Assert.Equal($"Untagged: 127.0.0.1:5000/mine:v1\nUntagged: busybox:latest\nDeleted: {image.ConfigDigest}\n", _stdout.ToString());
        Assert.Empty(_client.ImageStore.Names);
    }

    [Fact]
    public async Task Remove_IdOfOneTagAndItsDigestName_NeedsNoForce()
    {
        var image = TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);
        TestImages.Add(_client, "a", null, [10], [$"docker.io/library/busybox@{image.TargetDigest}"]);

        Assert.Equal(0, await RemoveAsync(false, image.ConfigDigest.Encoded));

        Assert.Empty(_client.ImageStore.Names);
    }

    [Fact]
    public async Task Remove_UnknownAmongKnown_ReportsAndGoesOn()
    {
        TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);

        Assert.Equal(1, await RemoveAsync(false, "nosuch", "busybox"));

        Assert.Equal("Error response from daemon: No such image: nosuch:latest\n", _stderr.ToString());
        Assert.StartsWith("Untagged: busybox:latest\n", _stdout.ToString(), StringComparison.Ordinal);
    }

    private Task<int> RemoveAsync(bool force, params string[] images)
        => ImageOperations.RemoveAsync(_client, new ImageRemoveOptions { Images = images, Force = force, Stdout = _stdout, Stderr = _stderr },
            TestContext.Current.CancellationToken);
}
