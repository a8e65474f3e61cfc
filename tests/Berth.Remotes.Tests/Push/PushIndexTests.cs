using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Oci.Manifests;
using Berth.Remotes.Tests.Pull;

namespace Berth.Remotes.Tests.Push;

[SupportedOSPlatform("linux")]
public sealed class PushIndexTests
{
    private static readonly string Host = Platforms.Format(Platforms.Host);
    private static readonly string Other = Platforms.Host.Architecture == "s390x" ? "linux/ppc64le" : "linux/s390x";

    private static (TestImage Index, TestImage Mine, TestImage Theirs) TwoPlatforms()
    {
        var mine = TestImage.Of(Host, TestLayer.Build(LayerCompression.Gzip, ("mine", "m")));
        var theirs = TestImage.Of(Other, TestLayer.Build(LayerCompression.Gzip, ("theirs", "t")));
        return (TestImage.Index(mine, theirs), mine, theirs);
    }

    [Fact]
    public async Task Push_IndexWithEveryPlatformStored_PushesChildrenByDigestThenTheIndexUnderTheTag()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var (index, mine, theirs) = TwoPlatforms();
        var name = fixture.Reference("multi/app:v1");
        await fixture.StoreAsync(name, index);

        var progress = await fixture.PushAsync(name);

        Assert.Equal(index.Blobs[index.Root.Digest], fixture.Registry.Manifest("multi/app", "v1")!.Value.Body);
        Assert.NotNull(fixture.Registry.Manifest("multi/app", mine.Root.Digest.ToString()));
        Assert.NotNull(fixture.Registry.Manifest("multi/app", theirs.Root.Digest.ToString()));
        var puts = fixture.Registry.Requests.Where(r => r.Method == "PUT" && r.Path.Contains("/manifests/", StringComparison.Ordinal)).Select(r => r.Path).ToList();
        Assert.Equal("/v2/multi/app/manifests/v1", puts[^1]);
        Assert.Equal(3, puts.Count);
        Assert.Equal(index.Root.Digest.ToString(), progress[^1].Detail);
    }

    [Fact]
    public async Task Push_IndexWithOnlyTheHostPlatformStored_PushesAReducedIndexAsNerdctlDoes()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var (index, mine, theirs) = TwoPlatforms();
        var name = fixture.Reference("multi/partial:v1");
        await fixture.StoreAsync(name, index, null, [.. theirs.Blobs.Keys]);

        var progress = await fixture.PushAsync(name);

        var pushed = fixture.Registry.Manifest("multi/partial", "v1")!.Value;
        var reduced = ManifestJson.ParseIndex(pushed.Body);
        var only = Assert.Single(reduced.Manifests);
        Assert.Equal(mine.Root.Digest, only.Digest);
        Assert.Equal(Host, Platforms.Format(only.Platform!));
        Assert.Equal(MediaTypes.OciIndex, pushed.MediaType);
        Assert.Equal(Digest.Sha256(pushed.Body).ToString(), progress[^1].Detail);
        Assert.NotEqual(index.Root.Digest.ToString(), progress[^1].Detail);
        Assert.NotNull(fixture.Registry.Manifest("multi/partial", mine.Root.Digest.ToString()));
        Assert.False(fixture.Registry.HasBlob("multi/partial", theirs.Manifest().Layers[0].Digest));
    }

    [Fact]
    public async Task Push_IndexWithoutTheHostPlatformStored_FailsSayingWhatIsMissing()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var (index, mine, _) = TwoPlatforms();
        var name = fixture.Reference("multi/none:v1");
        await fixture.StoreAsync(name, index, null, [.. mine.Blobs.Keys]);

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(() => fixture.PushAsync(name));

        Assert.Contains($"no complete image for this host's platform {Host}", error.Message, StringComparison.Ordinal);
        Assert.Null(fixture.Registry.Manifest("multi/none", "v1"));
        Assert.Empty(fixture.Uploads());
    }

    [Fact]
    public async Task Push_WithPlatform_PushesThatPlatformsManifestAlone()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var (index, _, theirs) = TwoPlatforms();
        var name = fixture.Reference("multi/one:v1");
        await fixture.StoreAsync(name, index);

        var progress = await fixture.PushAsync(name, Other);

        var pushed = fixture.Registry.Manifest("multi/one", "v1")!.Value;
        Assert.Equal(theirs.Blobs[theirs.Root.Digest], pushed.Body);
        Assert.Equal(theirs.Root.Digest.ToString(), progress[^1].Detail);
        Assert.Equal(1, fixture.Registry.Requests.Count(r => r.Method == "PUT" && r.Path.Contains("/manifests/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Push_WithPlatformTheIndexLacks_NotFoundNamingThePlatforms()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var (index, _, _) = TwoPlatforms();
        var name = fixture.Reference("multi/wrong:v1");
        await fixture.StoreAsync(name, index);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => fixture.PushAsync(name, "windows/arm64"));

        Assert.Contains($"(it has {Host}, {Other})", error.Message, StringComparison.Ordinal);
    }
}
