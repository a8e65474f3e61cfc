using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Tests.Pull;

/// <summary>An image made in memory: its root (a manifest or an index) and every blob it references.</summary>
internal sealed record TestImage(Descriptor Root, IReadOnlyDictionary<Digest, byte[]> Blobs)
{
    public static TestImage Of(string platform, params TestLayer[] layers) => Of(platform, docker: false, layers);

    /// <summary>One manifest for the platform, OCI or Docker schema 2.</summary>
    public static TestImage Of(string platform, bool docker, params TestLayer[] layers)
    {
        var parsed = Platforms.Parse(platform);
        byte[] config = ManifestJson.Serialize(new ImageConfig
        {
            Architecture = parsed.Architecture,
            Os = parsed.Os,
            Variant = parsed.Variant,
            Config = new ContainerConfig { Cmd = ["sh"], Env = ["PATH=/bin"] },
            RootFs = new RootFs { DiffIds = [.. layers.Select(l => l.DiffId)] },
        });
        var configDescriptor = new Descriptor(docker ? MediaTypes.DockerConfig : MediaTypes.OciConfig, Digest.Sha256(config), config.Length);
        byte[] manifest = ManifestJson.Serialize(new ImageManifest
        {
            MediaType = docker ? MediaTypes.DockerManifest : MediaTypes.OciManifest,
            Config = configDescriptor,
            Layers = [.. layers.Select(l => docker && l.MediaType == MediaTypes.OciLayerGzip ? l.Descriptor with { MediaType = MediaTypes.DockerLayerGzip } : l.Descriptor)],
        });
        var blobs = new Dictionary<Digest, byte[]> { [configDescriptor.Digest] = config, [Digest.Sha256(manifest)] = manifest };
        foreach (var layer in layers)
        {
            blobs[layer.Descriptor.Digest] = layer.Blob;
        }

        var root = new Descriptor(docker ? MediaTypes.DockerManifest : MediaTypes.OciManifest, Digest.Sha256(manifest), manifest.Length)
        {
            Platform = parsed,
        };
        return new TestImage(root, blobs);
    }

    /// <summary>An index over single-platform images.</summary>
    public static TestImage Index(params TestImage[] images)
    {
        byte[] index = ManifestJson.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = [.. images.Select(i => i.Root)] });
        var blobs = images.SelectMany(i => i.Blobs).DistinctBy(b => b.Key).ToDictionary(b => b.Key, b => b.Value);
        blobs[Digest.Sha256(index)] = index;
        return new TestImage(new Descriptor(MediaTypes.OciIndex, Digest.Sha256(index), index.Length), blobs);
    }

    public ImageManifest Manifest(Descriptor? manifest = null) => ManifestJson.ParseManifest(Blobs[(manifest ?? Root).Digest]);

    public ImageConfig Config(Descriptor? manifest = null) => ManifestJson.ParseConfig(Blobs[Manifest(manifest).Config.Digest]);
}
