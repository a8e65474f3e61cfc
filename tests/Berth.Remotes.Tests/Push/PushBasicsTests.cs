using System.Runtime.Versioning;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Tests.Pull;

namespace Berth.Remotes.Tests.Push;

[SupportedOSPlatform("linux")]
public sealed class PushBasicsTests
{
    [Fact]
    public async Task Push_Manifest_UploadsBlobsThenPutsTheManifestUnderTheTag()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var layers = new[] { TestLayer.Build(LayerCompression.Gzip, ("one", "1")), TestLayer.Build(LayerCompression.Gzip, ("two", "2")) };
        var image = TestImage.Of("linux/amd64", layers);
        var name = fixture.Reference("app/one:v1");
        await fixture.StoreAsync(name, image);

        var progress = await fixture.PushAsync(name);

        var stored = fixture.Registry.Manifest("app/one", "v1");
        Assert.NotNull(stored);
        Assert.Equal(image.Blobs[image.Root.Digest], stored.Value.Body);
        Assert.Equal(MediaTypes.OciManifest, stored.Value.MediaType);
        foreach (var digest in image.Blobs.Keys.Where(d => d != image.Root.Digest))
        {
            Assert.True(fixture.Registry.HasBlob("app/one", digest), $"blob {digest} was not pushed");
        }

        // Every blob is checked first and uploaded before the manifest goes.
        var requests = fixture.Registry.Requests.ToList();
        int manifestPut = requests.FindIndex(r => r.Method == "PUT" && r.Path.Contains("/manifests/", StringComparison.Ordinal));
        Assert.Equal(3, requests.Count(r => r.Method == "HEAD" && r.Path.Contains("/blobs/", StringComparison.Ordinal)));
        Assert.All(fixture.Uploads(), u => Assert.True(requests.IndexOf(u) < manifestPut));
        Assert.Equal(3, fixture.Uploads().Count);

        foreach (var layer in layers)
        {
            var statuses = ProgressAssert.StatusesOf(progress, layer.Descriptor).Where(s => s != TransferStatus.Pushing);
            Assert.Equal([TransferStatus.Waiting, TransferStatus.Pushed], statuses);
        }

        // The layers and the image; the config goes unreported, as docker shows no line for it.
        Assert.Equal([.. layers.Select(l => ProgressAssert.ShortId(l.Descriptor)), name.ToString()], progress.Select(p => p.Id).Distinct());
        var done = progress[^1];
        Assert.Equal((TransferStatus.Done, image.Root.Digest.ToString(), image.Root.Size), (done.Status, done.Detail, done.Total));
    }

    [Fact]
    public async Task Push_Done_LabelsEveryBlobWithTheRepository()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var image = TestImage.Of("linux/amd64", TestLayer.Build(LayerCompression.Gzip, ("f", "x")));
        var name = fixture.Reference("team/app:v1");
        await fixture.StoreAsync(name, image, source: "library/base");

        await fixture.PushAsync(name);

        foreach (var digest in image.Blobs.Keys)
        {
            Assert.Equal("library/base,team/app", (await fixture.LabelsAsync(digest))[PushFixture.SourceKey]);
        }
    }

    [Fact]
    public async Task Push_Again_ReportsLayerAlreadyExistsAndUploadsNothing()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var layer = TestLayer.Build(LayerCompression.Gzip, ("again", "a"));
        var image = TestImage.Of("linux/amd64", layer);
        var name = fixture.Reference("app/again:1");
        await fixture.StoreAsync(name, image);
        await fixture.PushAsync(name);
        int uploads = fixture.Uploads().Count;

        var second = await fixture.PushAsync(name);

        Assert.Equal(uploads, fixture.Uploads().Count);
        Assert.Equal([TransferStatus.Waiting, TransferStatus.AlreadyExists], ProgressAssert.StatusesOf(second, layer.Descriptor));
        Assert.Equal(TransferStatus.Done, second[^1].Status);
    }

    [Fact]
    public async Task Push_ToAnotherRepositoryOfTheRegistry_MountsFromTheFirst()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var layer = TestLayer.Build(LayerCompression.Gzip, ("shared", "s"));
        var image = TestImage.Of("linux/amd64", layer);
        var first = fixture.Reference("base/img:1");
        await fixture.StoreAsync(first, image);
        await fixture.PushAsync(first);
        var second = fixture.Reference("apps/other:2");
        await fixture.Scope.Images.CreateAsync(new Core.Images.Image(second.ToString(), image.Root with { Platform = null }), PushFixture.Token);
        int uploads = fixture.Uploads().Count;

        var progress = await fixture.PushAsync(second);

        Assert.Equal(uploads, fixture.Uploads().Count);
        var mounted = progress.Single(p => p.Id == ProgressAssert.ShortId(layer.Descriptor) && p.Status == TransferStatus.Mounted);
        Assert.Equal("base/img", mounted.Detail);
        Assert.Contains(fixture.Registry.Requests, r => r.Method == "POST" && r.Path == "/v2/apps/other/blobs/uploads/"
            && r.Query.Contains("from=base%2Fimg", StringComparison.Ordinal));
        Assert.True(fixture.Registry.HasBlob("apps/other", layer.Descriptor.Digest));
        Assert.NotNull(fixture.Registry.Manifest("apps/other", "2"));
    }

    [Fact]
    public async Task Push_MountRefused_UploadsInstead()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var layer = TestLayer.Build(LayerCompression.Gzip, ("elsewhere", "e"));
        var image = TestImage.Of("linux/amd64", layer);
        var name = fixture.Reference("apps/mine:1");
        await fixture.StoreAsync(name, image, source: "nowhere/known");

        var progress = await fixture.PushAsync(name);

        Assert.Contains(TransferStatus.Pushed, ProgressAssert.StatusesOf(progress, layer.Descriptor));
        Assert.True(fixture.Registry.HasBlob("apps/mine", layer.Descriptor.Digest));
        Assert.Equal(0, fixture.Registry.OpenUploads);
    }
}
