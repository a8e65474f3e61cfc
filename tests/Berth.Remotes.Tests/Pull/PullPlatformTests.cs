using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Tests.Pull;

[SupportedOSPlatform("linux")]
public sealed class PullPlatformTests
{
    private static (TestImage Index, TestImage Amd, TestImage Arm) TwoPlatforms()
    {
        var amd = TestImage.Of("linux/amd64", TestLayer.Build(LayerCompression.Gzip, ("arch", "amd64")));
        var arm = TestImage.Of("linux/arm64/v8", TestLayer.Build(LayerCompression.Gzip, ("arch", "arm64")));
        return (TestImage.Index(amd, arm), amd, arm);
    }

    [Fact]
    public async Task Pull_IndexWithPlatform_UnpacksThatPlatformOnly()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var (index, amd, arm) = TwoPlatforms();
        var reference = fixture.Registry.Push("multi/app:1", index);

        await fixture.PullAsync(reference, "linux/arm64");

        var record = await fixture.Scope.Images.GetAsync(reference.ToString(), PullFixture.Token);
        Assert.Equal((index.Root.Digest, MediaTypes.OciIndex), (record.Target.Digest, record.Target.MediaType));
        var content = await fixture.ContentAsync();
        // containerd labels every manifest of the index, fetched or not, so its GC view matches.
        Assert.Equal(amd.Root.Digest.ToString(), content[index.Root.Digest].Labels["containerd.io/gc.ref.content.m.0"]);
        Assert.Equal(arm.Root.Digest.ToString(), content[index.Root.Digest].Labels["containerd.io/gc.ref.content.m.1"]);
        Assert.False(content.ContainsKey(amd.Root.Digest));
        Assert.Equal(0, fixture.Registry.FetchCount(amd.Manifest().Layers[0].Digest));
        var chainId = ChainIds.Top(arm.Config().RootFs.DiffIds);
        Assert.Equal("arm64", (await fixture.ReadFilesAsync(StorageStack.Overlay, chainId, "arch"))["arch"]);
        Assert.Single(await fixture.SnapshotsAsync());
    }

    [Fact]
    public async Task Pull_AllPlatforms_FetchesEveryPlatformsBlobsButUnpacksOne()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var (index, amd, arm) = TwoPlatforms();
        var reference = fixture.Registry.Push("multi/app:all", index);

        await fixture.PullAsync(new ImagePullRequest(reference.ToString()) { Platform = Platforms.Parse("linux/amd64"), AllPlatforms = true });

        var content = await fixture.ContentAsync();
        Assert.Contains(arm.Root.Digest, content.Keys);
        Assert.Contains(arm.Manifest().Config.Digest, content.Keys);
        Assert.Equal(arm.Manifest().Config.Digest.ToString(), content[arm.Root.Digest].Labels["containerd.io/gc.ref.content.config"]);
        Assert.Contains(arm.Manifest().Layers[0].Digest, content.Keys);
        Assert.Contains(amd.Manifest().Layers[0].Digest, content.Keys);
        var snapshot = Assert.Single(await fixture.SnapshotsAsync());
        Assert.Equal(ChainIds.Top(amd.Config().RootFs.DiffIds).ToString(), snapshot.Key);
        await ProgressAssert.NothingLeftOverAsync(fixture);
    }

    [Fact]
    public async Task Pull_NoMatchingPlatform_NotFoundNamingWhatThereIs()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var reference = fixture.Registry.Push("multi/app:2", TwoPlatforms().Index);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => fixture.PullAsync(reference, "linux/s390x"));

        Assert.Contains("linux/s390x", error.Message, StringComparison.Ordinal);
        Assert.Contains("linux/arm64/v8", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(async () => await fixture.Scope.Images.GetAsync(reference.ToString(), PullFixture.Token));
    }

    [Fact]
    public async Task Pull_NoPlatformGiven_TakesTheHosts()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var host = TestImage.Of(Platforms.Format(Platforms.Host), TestLayer.Build(LayerCompression.Gzip, ("arch", "host")));
        var other = TestImage.Of("windows/amd64", TestLayer.Build(LayerCompression.Gzip, ("arch", "other")));
        var reference = fixture.Registry.Push("multi/host:1", TestImage.Index(other, host));

        await fixture.PullAsync(new ImagePullRequest(reference.ToString()));

        var chainId = ChainIds.Top(host.Config().RootFs.DiffIds);
        Assert.Equal("host", (await fixture.ReadFilesAsync(StorageStack.Overlay, chainId, "arch"))["arch"]);
    }
}
