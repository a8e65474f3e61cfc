using System.Text;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Core.Tests.Manifests;

public sealed class ManifestJsonTests
{
    private const string ConfigDigest = "sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
    private const string LayerDigest = "sha256:3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d";

    private static readonly string DockerManifest = $$$"""
        {
           "schemaVersion": 2,
           "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
           "config": { "mediaType": "application/vnd.docker.container.image.v1+json", "size": 1457, "digest": "{{{ConfigDigest}}}" },
           "layers": [ { "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 772788, "digest": "{{{LayerDigest}}}" } ],
           "unknownField": [1, 2]
        }
        """;

    [Fact]
    public void Parse_DockerManifest_ReadsConfigAndLayers()
    {
        var manifest = Assert.IsType<ImageManifest>(ManifestJson.Parse(Encoding.UTF8.GetBytes(DockerManifest)));

        Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
        Assert.Equal((MediaTypes.DockerConfig, ConfigDigest, 1457L), (manifest.Config.MediaType, manifest.Config.Digest.ToString(), manifest.Config.Size));
        var layer = Assert.Single(manifest.Layers);
        Assert.Equal((MediaTypes.DockerLayerGzip, LayerDigest, 772788L), (layer.MediaType, layer.Digest.ToString(), layer.Size));
        Assert.Empty(layer.Annotations);
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"manifests":[]}""", null, MediaTypes.OciIndex)]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json"},"layers":[]}""", null, MediaTypes.OciManifest)]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.docker.container.image.v1+json"}}""", null, MediaTypes.DockerManifest)]
    [InlineData("""{"schemaVersion":2,"manifests":[]}""", MediaTypes.DockerManifestList, MediaTypes.DockerManifestList)]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""", null, MediaTypes.OciIndex)]
    [InlineData("""{"schemaVersion":1,"name":"x","fsLayers":[]}""", null, ManifestMediaTypes.DockerSchema1)]
    public void DetectMediaType_Document_UsesFieldThenDeclaredThenShape(string json, string? declared, string expected)
        => Assert.Equal(expected, ManifestJson.DetectMediaType(Encoding.UTF8.GetBytes(json), declared));

    [Theory]
    [InlineData("""{"mediaType":"application/vnd.oci.image.index.v1+json","layers":[]}""", null, "has the \"config\" or \"layers\"")]
    [InlineData("""{"manifests":[],"layers":[]}""", null, "neither")]
    [InlineData("""{"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{}}""", MediaTypes.OciIndex, "served as")]
    [InlineData("""[1]""", null, "JSON object")]
    [InlineData("""{"config": """, null, "not valid JSON")]
    public void DetectMediaType_Contradiction_IsRefused(string json, string? declared, string why)
        => Assert.Contains(why, Assert.Throws<FormatException>(() => ManifestJson.DetectMediaType(Encoding.UTF8.GetBytes(json), declared)).Message,
            StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"config":{"mediaType":"a","size":1,"digest":"sha256:xyz"},"layers":[]}""", "digest")]
    [InlineData("""{"config":{"mediaType":"a","size":1},"layers":[]}""", "has no digest")]
    [InlineData("""{"layers":[]}""", "config")]
    public void ParseManifest_BadDescriptor_SaysWhich(string json, string why)
        => Assert.Contains(why, Assert.Throws<FormatException>(() => ManifestJson.ParseManifest(Encoding.UTF8.GetBytes(json))).Message,
            StringComparison.Ordinal);

    [Fact]
    public void ParseIndex_Platforms_AreRead()
    {
        string json = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{ConfigDigest}}}","size":7,
               "platform":{"architecture":"arm64","os":"linux","variant":"v8","os.features":["x"]}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{LayerDigest}}}","size":8,"annotations":null}]}
            """;

        var index = ManifestJson.ParseIndex(Encoding.UTF8.GetBytes(json));

        Assert.Equal("linux/arm64/v8", Platforms.Format(index.Manifests[0].Platform!));
        Assert.Equal(["x"], index.Manifests[0].Platform!.OsFeatures);
        Assert.Null(index.Manifests[1].Platform);
        Assert.Empty(index.Manifests[1].Annotations);
    }

    [Fact]
    public void Serialize_Manifest_IsDeterministicInGoOrder()
    {
        var manifest = new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor(MediaTypes.OciConfig, Digest.Parse(ConfigDigest), 2),
            Layers = [new Descriptor(MediaTypes.OciLayerGzip, Digest.Parse(LayerDigest), 3) { Annotations = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" } }],
            Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "v1" },
        };

        string json = Encoding.UTF8.GetString(ManifestJson.Serialize(manifest));

        Assert.Equal(
            $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{ConfigDigest}}}","size":2},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{LayerDigest}}}","size":3,"annotations":{"a":"2","z":"1"}}],"annotations":{"org.opencontainers.image.ref.name":"v1"}}""",
            json);
        Assert.Equal(json, Encoding.UTF8.GetString(ManifestJson.Serialize(ManifestJson.ParseManifest(Encoding.UTF8.GetBytes(json)))));
    }

    [Fact]
    public void Serialize_Index_WritesPlatformWithSpecNames()
    {
        var index = new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests = [new Descriptor(MediaTypes.OciManifest, Digest.Parse(ConfigDigest), 5) { Platform = new Platform("linux", "arm") { Variant = "v7", OsVersion = "1" } }],
        };

        string json = Encoding.UTF8.GetString(ManifestJson.Serialize(index));

        Assert.Equal(
            $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{ConfigDigest}}}","size":5,"platform":{"architecture":"arm","os":"linux","os.version":"1","variant":"v7"}}]}""",
            json);
    }

    [Fact]
    public void Serialize_Annotations_EscapeAsGo()
    {
        var index = new ImageIndex { Annotations = new Dictionary<string, string> { ["u"] = "a+b<c>&d\u2028é" } };

        string json = Encoding.UTF8.GetString(ManifestJson.Serialize(index));

        Assert.Equal("""{"schemaVersion":2,"manifests":[],"annotations":{"u":"a+b\u003cc\u003e\u0026d\u2028é"}}""", json);
    }
}
