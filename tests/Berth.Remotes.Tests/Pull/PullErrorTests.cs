using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Tests.Pull;

[SupportedOSPlatform("linux")]
public sealed class PullErrorTests
{
    [Fact]
    public async Task Pull_InvalidReference_InvalidArgumentFromTheParser()
    {
        await using var fixture = await PullFixture.CreateAsync();

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => fixture.PullAsync(new ImagePullRequest("Upper/Case")));

        Assert.Contains("must be lowercase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_Schema1_UnimplementedWithAdvice()
    {
        await using var fixture = await PullFixture.CreateAsync();
        byte[] manifest = """{"schemaVersion":1,"name":"old/app","tag":"1","fsLayers":[],"history":[]}"""u8.ToArray();
        var reference = Oci.ImageReference.Parse($"{Fakes.FakeRegistry.Host}/old/app:1");
        fixture.Registry.Blobs[Digest.Sha256(manifest)] = manifest;
        fixture.Registry.Tags[reference.ToString()] = new Descriptor(ManifestMediaTypes.DockerSchema1Signed, Digest.Sha256(manifest), manifest.Length);

        var error = await Assert.ThrowsAsync<UnimplementedException>(() => fixture.PullAsync(reference));

        Assert.Contains("schema 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("push the image again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_UnknownLayerMediaType_UnimplementedBeforeAnyLayerIsFetched()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var layer = TestLayer.Build(LayerCompression.Gzip, ("f", "x")) with { MediaType = "application/vnd.example.layer.v1+custom" };
        var reference = fixture.Registry.Push("odd/app:1", TestImage.Of("linux/amd64", layer));

        var error = await Assert.ThrowsAsync<UnimplementedException>(() => fixture.PullAsync(reference, "linux/amd64"));

        Assert.Contains("application/vnd.example.layer.v1+custom", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Registry.FetchCount(layer.Descriptor.Digest));
        Assert.Empty(await ImagesAsync(fixture));
    }

    [Fact]
    public async Task Pull_ConfigWithWrongDiffId_FailsAndKeepsNoSnapshot()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var good = TestLayer.Build(LayerCompression.Gzip, ("f", "x"));
        var lying = good with { DiffId = Digest.Sha256("something else"u8) };
        var reference = fixture.Registry.Push("odd/liar:1", TestImage.Of("linux/amd64", lying));

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(() => fixture.PullAsync(reference, "linux/amd64"));

        Assert.Contains(good.DiffId.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.SnapshotsAsync());
        Assert.Empty(await ImagesAsync(fixture));
        await ProgressAssert.NothingLeftOverAsync(fixture);
    }

    [Fact]
    public async Task CheckLogin_PingsTheRegistryOfTheCredentials()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var credentials = new RegistryCredentials("user", "secret");

        await fixture.Transfer.CheckLoginAsync(Fakes.FakeRegistry.Host, credentials, PullFixture.Token);
        await Assert.ThrowsAsync<UnavailableException>(async () => await fixture.Transfer.CheckLoginAsync("elsewhere.test", credentials, PullFixture.Token));
    }

    [Fact]
    public async Task Pull_UnknownTag_NotFoundAndNoLeaseLeft()
    {
        await using var fixture = await PullFixture.CreateAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => fixture.PullAsync(ImageReference.Parse($"{Fakes.FakeRegistry.Host}/no/such:tag")));

        await ProgressAssert.NothingLeftOverAsync(fixture);
    }

    internal static async Task<List<string>> ImagesAsync(PullFixture fixture)
    {
        var names = new List<string>();
        await foreach (var image in fixture.Scope.Images.ListAsync(null, PullFixture.Token))
        {
            names.Add(image.Name);
        }

        return names;
    }
}
