using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Oci;

namespace Berth.Storage.Tests.Metadata;

public sealed class ImageStoreTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Image Busybox(string name = "docker.io/library/busybox:latest", string text = "manifest") =>
        new(name, new Descriptor(MediaTypes.OciManifest, MetadataFixture.DigestOf(text), 100)
        {
            Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "latest" },
        })
        {
            Labels = new Dictionary<string, string> { ["tier"] = "base" },
        };

    [Fact]
    public async Task Create_ThenGet_RoundTripsTargetLabelsAndTimes()
    {
        var images = _fixture.Scope("a").Images;

        var created = await images.CreateAsync(Busybox(), Ct);
        var read = await images.GetAsync(created.Name, Ct);

        Assert.Equal(created.Target.Digest, read.Target.Digest);
        Assert.Equal((MediaTypes.OciManifest, 100L), (read.Target.MediaType, read.Target.Size));
        Assert.Equal("latest", read.Target.Annotations["org.opencontainers.image.ref.name"]);
        Assert.Equal("base", read.Labels["tier"]);
        Assert.Equal(_fixture.Time.GetUtcNow(), read.CreatedAt);
        Assert.Equal(read.CreatedAt, read.UpdatedAt);
    }

    [Fact]
    public async Task Create_Twice_ThrowsAlreadyExists()
    {
        await _fixture.Scope("a").Images.CreateAsync(Busybox(), Ct);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => _fixture.Scope("a").Images.CreateAsync(Busybox(), Ct).AsTask());
        await _fixture.Scope("b").Images.CreateAsync(Busybox(), Ct);
    }

    [Fact]
    public async Task Images_AreIsolatedBetweenNamespaces()
    {
        await _fixture.Scope("a").Images.CreateAsync(Busybox(), Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("b").Images.GetAsync(Busybox().Name, Ct).AsTask());
        Assert.Empty(await _fixture.Scope("b").Images.ListAsync(null, Ct).ToListAsync(Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("b").Images.DeleteAsync(Busybox().Name, false, Ct).AsTask());
    }

    [Theory]
    [InlineData("", 100, MediaTypes.OciManifest)]
    [InlineData("img", 0, MediaTypes.OciManifest)]
    [InlineData("img", 100, "")]
    public async Task Create_InvalidImage_ThrowsInvalidArgument(string name, long size, string mediaType)
    {
        var image = new Image(name, new Descriptor(mediaType, MetadataFixture.DigestOf("m"), size));

        await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.Scope("a").Images.CreateAsync(image, Ct).AsTask());
    }

    [Fact]
    public async Task List_Filters_MatchNameTargetAndLabels()
    {
        var images = _fixture.Scope("a").Images;
        await images.CreateAsync(Busybox("one"), Ct);
        await images.CreateAsync(Busybox("two", "other") with { Labels = new Dictionary<string, string> { ["tier"] = "app" } }, Ct);

        Assert.Equal(["two"], await Names(images, "labels.tier==app"));
        Assert.Equal(["one"], await Names(images, $"target.digest=={MetadataFixture.DigestOf("manifest")}"));
        Assert.Equal(["one", "two"], await Names(images, $"target.mediatype=={MediaTypes.OciManifest}"));
        Assert.Equal(["one"], await Names(images, "name==one"));
        Assert.Equal(["two"], await Names(images, "name~=^t"));
    }

    [Fact]
    public async Task Update_FieldPaths_ChangeOnlyWhatTheyName()
    {
        var images = _fixture.Scope("a").Images;
        var original = await images.CreateAsync(Busybox(), Ct);
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var change = Busybox(text: "new manifest") with { Labels = new Dictionary<string, string> { ["extra"] = "1" } };

        var labelOnly = await images.UpdateAsync(change, ["labels.extra"], Ct);
        Assert.Equal(original.Target.Digest, labelOnly.Target.Digest);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "base", ["extra"] = "1" }, labelOnly.Labels);
        Assert.Equal(original.CreatedAt, labelOnly.CreatedAt);
        Assert.True(labelOnly.UpdatedAt > original.UpdatedAt);

        var retargeted = await images.UpdateAsync(change, ["target"], Ct);
        Assert.Equal(MetadataFixture.DigestOf("new manifest"), retargeted.Target.Digest);
        Assert.Equal(2, retargeted.Labels.Count);

        var annotated = await images.UpdateAsync(change with
        {
            Target = change.Target with { Annotations = new Dictionary<string, string> { ["a"] = "b" } },
        }, ["annotations"], Ct);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "b" }, (await images.GetAsync(annotated.Name, Ct)).Target.Annotations);
    }

    [Fact]
    public async Task Update_NoFieldPaths_ReplacesLabelsAndTarget()
    {
        var images = _fixture.Scope("a").Images;
        await images.CreateAsync(Busybox(), Ct);

        var updated = await images.UpdateAsync(Busybox(text: "v2") with { Labels = new Dictionary<string, string>() }, null, Ct);

        Assert.Equal(MetadataFixture.DigestOf("v2"), updated.Target.Digest);
        Assert.Empty((await images.GetAsync(updated.Name, Ct)).Labels);
    }

    [Fact]
    public async Task Update_UnknownFieldPath_ThrowsInvalidArgument()
    {
        var images = _fixture.Scope("a").Images;
        await images.CreateAsync(Busybox(), Ct);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => images.UpdateAsync(Busybox(), ["name"], Ct).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => images.UpdateAsync(Busybox("missing"), ["labels"], Ct).AsTask());
    }

    [Fact]
    public async Task Delete_RemovesTheImage()
    {
        var images = _fixture.Scope("a").Images;
        await images.CreateAsync(Busybox(), Ct);

        await images.DeleteAsync(Busybox().Name, synchronous: true, Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => images.GetAsync(Busybox().Name, Ct).AsTask());
    }

    private static async Task<List<string>> Names(IImageStore images, string filter)
        => (await images.ListAsync([filter], Ct).ToListAsync(Ct)).Select(i => i.Name).ToList();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
