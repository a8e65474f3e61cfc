using Berth.Oci;
using Berth.Oci.Manifests;
using Berth.Remotes.Pull;

namespace Berth.Remotes.Tests.Pull;

public sealed class PullLabelsTests
{
    private static Descriptor Blob(string mediaType, byte seed) => new(mediaType, Digest.Sha256([seed]), 1);

    [Fact]
    public void Children_OfAManifest_NumberLayersAndNameTheConfig()
    {
        var config = Blob(MediaTypes.DockerConfig, 1);
        var layers = new[] { Blob(MediaTypes.DockerLayerGzip, 2), Blob(MediaTypes.OciLayerZstd, 3), Blob("application/x-other", 4) };

        var labels = PullLabels.Children([config, .. layers]);

        Assert.Equal(new Dictionary<string, string>
        {
            ["containerd.io/gc.ref.content.config"] = config.Digest.ToString(),
            ["containerd.io/gc.ref.content.l.0"] = layers[0].Digest.ToString(),
            ["containerd.io/gc.ref.content.l.1"] = layers[1].Digest.ToString(),
            ["containerd.io/gc.ref.content.0"] = layers[2].Digest.ToString(),
        }, labels);
    }

    [Fact]
    public void Children_OfAnIndex_NumberManifestsAndNestedIndexesApart()
    {
        var labels = PullLabels.Children([Blob(MediaTypes.OciManifest, 1), Blob(MediaTypes.OciIndex, 2), Blob(MediaTypes.DockerManifest, 3)]);

        Assert.Equal(["containerd.io/gc.ref.content.0", "containerd.io/gc.ref.content.m.0", "containerd.io/gc.ref.content.m.1"], labels.Keys.Order());
    }

    [Fact]
    public void Children_TwoConfigs_SecondIsNumbered()
        => Assert.Contains("containerd.io/gc.ref.content.config1", PullLabels.Children([Blob(MediaTypes.OciConfig, 1), Blob(MediaTypes.OciConfig, 2)]).Keys);

    [Theory]
    [InlineData("registry.test:5000/a/b", "containerd.io/distribution.source.registry.test")]
    [InlineData("busybox", "containerd.io/distribution.source.docker.io")]
    [InlineData("[::1]:5000/x", "containerd.io/distribution.source.::1")]
    public void DistributionSourceKey_IsTheHostWithoutPort(string reference, string key)
        => Assert.Equal(key, PullLabels.DistributionSourceKey(ImageReference.Parse(reference)));

    [Fact]
    public void AppendDistributionSource_SortsAndDropsRepeats()
    {
        Assert.Equal("library/a,library/b", PullLabels.AppendDistributionSource("k", "library/b", "library/a"));
        Assert.Equal("library/a,library/b", PullLabels.AppendDistributionSource("k", "library/a,library/b", "library/b"));
        Assert.Equal("x", PullLabels.AppendDistributionSource("k", null, "x"));
        Assert.Null(PullLabels.AppendDistributionSource("k", new string('r', 4095), "y"));
    }

    [Theory]
    [InlineData(MediaTypes.OciManifest, "manifest-")]
    [InlineData(MediaTypes.DockerManifestList, "index-")]
    [InlineData(MediaTypes.DockerLayerGzip, "layer-")]
    [InlineData(ManifestMediaTypes.DockerForeignLayerGzip, "layer-")]
    [InlineData(MediaTypes.OciConfig, "config-")]
    [InlineData("application/x-other", "unknown-")]
    public void IngestRef_IsContainerdsRefKey(string mediaType, string prefix)
    {
        var blob = Blob(mediaType, 9);
        Assert.Equal(prefix + blob.Digest, PullLabels.IngestRef(blob));
    }
}
