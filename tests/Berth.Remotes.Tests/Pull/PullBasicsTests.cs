using System.Runtime.Versioning;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Tests.Pull;

[SupportedOSPlatform("linux")]
public sealed class PullBasicsTests
{
    [Fact]
    public async Task Pull_SingleLayer_RecordsImageLabelsAndSnapshot()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var layer = TestLayer.Build(LayerCompression.Gzip, ("etc", null), ("etc/hello", "hi there"));
        var image = TestImage.Of("linux/amd64", layer);
        var reference = fixture.Registry.Push("app/one:v1", image);

        var progress = await fixture.PullAsync(reference, "linux/amd64");

        var record = await fixture.Scope.Images.GetAsync("registry.test:5000/app/one:v1", PullFixture.Token);
        Assert.Equal(image.Root.Digest, record.Target.Digest);
        Assert.Equal(MediaTypes.OciManifest, record.Target.MediaType);
        var manifest = image.Manifest();
        var chainId = ChainIds.Top(image.Config().RootFs.DiffIds);
        var content = await fixture.ContentAsync();
        Assert.Equal(manifest.Config.Digest.ToString(), content[image.Root.Digest].Labels["containerd.io/gc.ref.content.config"]);
        Assert.Equal(layer.Descriptor.Digest.ToString(), content[image.Root.Digest].Labels["containerd.io/gc.ref.content.l.0"]);
        Assert.All(content.Values, blob => Assert.Equal("app/one", blob.Labels["containerd.io/distribution.source.registry.test"]));
        Assert.Equal(layer.DiffId.ToString(), content[layer.Descriptor.Digest].Labels["containerd.io/uncompressed"]);
        Assert.Equal(chainId.ToString(), content[manifest.Config.Digest].Labels["containerd.io/gc.ref.snapshot.overlayfs"]);
        Assert.Equal(3, content.Count);

        var snapshots = await fixture.SnapshotsAsync();
        var snapshot = Assert.Single(snapshots.Values);
        Assert.Equal((chainId.ToString(), Core.Snapshots.SnapshotKind.Committed), (snapshot.Name, snapshot.Kind));
        Assert.Equal(chainId.ToString(), snapshot.Labels["containerd.io/snapshot.ref"]);
        Assert.Equal("hi there", (await fixture.ReadFilesAsync(StorageStack.Overlay, chainId, "etc/hello"))["etc/hello"]);

        Assert.Equal(TransferStatus.Resolving, progress[0].Status);
        Assert.Equal((TransferStatus.Done, image.Root.Digest.ToString()), (progress[^1].Status, progress[^1].Detail));
        ProgressAssert.InOrder(progress, layer.Descriptor, TransferStatus.Waiting, TransferStatus.Downloading, TransferStatus.Verifying,
            TransferStatus.Downloaded, TransferStatus.Extracting, TransferStatus.Complete);
        await ProgressAssert.NothingLeftOverAsync(fixture);
    }

    [Theory]
    [InlineData(StorageStack.Overlay)]
    [InlineData(StorageStack.Native)]
    public async Task Pull_MultiLayerWithWhiteouts_UnpacksTheChain(string snapshotter)
    {
        await using var fixture = await PullFixture.CreateAsync();
        var bottom = TestLayer.Build(LayerCompression.Gzip, ("a", null), ("a/keep", "k"), ("a/gone", "g"), ("b", null), ("b/x", "x"));
        var middle = TestLayer.Build(LayerCompression.Zstd, ("a", null), ("a/.wh.gone", ""), ("b", null), ("b/.wh..wh..opq", ""), ("b/y", "y"));
        var top = TestLayer.Build(LayerCompression.None, ("c", null), ("c/new", "n"));
        var image = TestImage.Of("linux/amd64", bottom, middle, top);
        var reference = fixture.Registry.Push("app/layers:1", image);

        await fixture.PullAsync(reference, "linux/amd64", snapshotter);

        var chain = ChainIds.Of(image.Config().RootFs.DiffIds);
        var snapshots = await fixture.SnapshotsAsync(snapshotter);
        Assert.Equal(3, snapshots.Count);
        Assert.Null(snapshots[chain[0].ToString()].Parent);
        Assert.Equal(chain[0].ToString(), snapshots[chain[1].ToString()].Parent);
        Assert.Equal(chain[1].ToString(), snapshots[chain[2].ToString()].Parent);
        var files = await fixture.ReadFilesAsync(snapshotter, chain[2], "a/keep", "a/gone", "b/x", "b/y", "c/new");
        Assert.Equal(new Dictionary<string, string?> { ["a/keep"] = "k", ["a/gone"] = null, ["b/x"] = null, ["b/y"] = "y", ["c/new"] = "n" }, files);
        var content = await fixture.ContentAsync();
        Assert.Equal(middle.DiffId.ToString(), content[middle.Descriptor.Digest].Labels["containerd.io/uncompressed"]);
        Assert.Equal(chain[2].ToString(), content[image.Manifest().Config.Digest].Labels[$"containerd.io/gc.ref.snapshot.{snapshotter}"]);
        await ProgressAssert.NothingLeftOverAsync(fixture, snapshotter);
    }

    [Fact]
    public async Task Pull_Again_ReportsAlreadyExistsAndFetchesNoLayer()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var layers = new[] { TestLayer.Build(LayerCompression.Gzip, ("one", "1")), TestLayer.Build(LayerCompression.Gzip, ("two", "2")) };
        var reference = fixture.Registry.Push("app/again:1", TestImage.Of("linux/amd64", layers));
        await fixture.PullAsync(reference, "linux/amd64");

        var second = await fixture.PullAsync(reference, "linux/amd64");

        foreach (var layer in layers)
        {
            Assert.Equal([TransferStatus.AlreadyExists], ProgressAssert.StatusesOf(second, layer.Descriptor));
            Assert.Equal(1, fixture.Registry.FetchCount(layer.Descriptor.Digest));
        }

        Assert.Equal(TransferStatus.Done, second[^1].Status);
        await ProgressAssert.NothingLeftOverAsync(fixture);
    }

    [Fact]
    public async Task Pull_DockerSchema2_RecordsTheDockerManifest()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var image = TestImage.Of("linux/amd64", docker: true, TestLayer.Build(LayerCompression.Gzip, ("bin", null), ("bin/tool", "t")));
        var reference = fixture.Registry.Push("library/tool:latest", image);

        await fixture.PullAsync(reference, "linux/amd64");

        var record = await fixture.Scope.Images.GetAsync(reference.ToString(), PullFixture.Token);
        Assert.Equal(MediaTypes.DockerManifest, record.Target.MediaType);
        var chainId = ChainIds.Top(image.Config().RootFs.DiffIds);
        Assert.Equal("t", (await fixture.ReadFilesAsync(StorageStack.Overlay, chainId, "bin/tool"))["bin/tool"]);
    }
}
