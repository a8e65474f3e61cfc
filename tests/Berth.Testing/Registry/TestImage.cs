using System.Text;
using System.Text.Json.Nodes;
using Berth.Oci;

namespace Berth.Testing.Registry;

/// <summary>
/// A small OCI image made in memory: its layers (<see cref="TestLayer"/>), its config and its manifest, with
/// descriptors for each, ready to push to a registry (<see cref="RegistryServer.PushAsync(TestImage, string, string, CancellationToken)"/>)
/// or to write as an OCI layout (<see cref="WriteOciLayout"/>).
/// </summary>
public sealed class TestImage
{
    private TestImage(IReadOnlyList<TestLayer> layers, byte[] config, byte[] manifest, Platform platform)
    {
        Layers = layers;
        Config = config;
        Manifest = manifest;
        Platform = platform;
        ConfigDescriptor = new Descriptor(MediaTypes.OciConfig, Digest.Sha256(config), config.Length);
        ManifestDescriptor = new Descriptor(MediaTypes.OciManifest, Digest.Sha256(manifest), manifest.Length);
    }

    public IReadOnlyList<TestLayer> Layers { get; }

    /// <summary>The first (bottom) layer's blob.</summary>
    public byte[] Layer => Layers[0].Blob;

    /// <summary>The first (bottom) layer's descriptor.</summary>
    public Descriptor LayerDescriptor => Layers[0].Descriptor;

    public byte[] Config { get; }

    public byte[] Manifest { get; }

    public Platform Platform { get; }

    public Descriptor ConfigDescriptor { get; }

    public Descriptor ManifestDescriptor { get; }

    /// <summary>The blobs the manifest references, config first.</summary>
    public IReadOnlyList<(Descriptor Descriptor, byte[] Content)> Blobs =>
        [(ConfigDescriptor, Config), .. Layers.Select(l => (l.Descriptor, l.Blob))];

    /// <summary>An image whose one gzip layer holds <paramref name="files"/> (path to text content), for linux/<paramref name="architecture"/>.</summary>
    public static TestImage Create(IReadOnlyDictionary<string, string> files, string architecture = "amd64")
        => Create([TestLayer.Create(files)], new Platform("linux", architecture));

    /// <summary>An image of <paramref name="layers"/>, bottom first, for <paramref name="platform"/> (linux/amd64 by default).</summary>
    public static TestImage Create(IReadOnlyList<TestLayer> layers, Platform? platform = null)
    {
        var target = platform ?? new Platform("linux", "amd64");
        var config = new JsonObject
        {
            ["architecture"] = target.Architecture,
            ["os"] = target.Os,
            ["config"] = new JsonObject { ["Cmd"] = new JsonArray("sh"), ["Env"] = new JsonArray("PATH=/bin") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray([.. layers.Select(l => (JsonNode)l.DiffId.ToString())]) },
        };
        if (!string.IsNullOrEmpty(target.Variant))
        {
            config["variant"] = target.Variant;
        }

        byte[] configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["config"] = Json(new Descriptor(MediaTypes.OciConfig, Digest.Sha256(configBytes), configBytes.Length)),
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)Json(l.Descriptor))]),
        };
        return new TestImage(layers, configBytes, Encoding.UTF8.GetBytes(manifest.ToJsonString()), target);
    }

    /// <summary>
    /// Writes the image as an OCI image layout in <paramref name="folder"/> (blobs/sha256, index.json naming it
    /// <paramref name="tag"/>, oci-layout), as <c>skopeo copy oci:&lt;folder&gt;:&lt;tag&gt;</c> reads it.
    /// </summary>
    public void WriteOciLayout(string folder, string tag)
    {
        string blobs = Directory.CreateDirectory(Path.Combine(folder, "blobs", "sha256")).FullName;
        foreach (var (descriptor, content) in Blobs.Append((ManifestDescriptor, Manifest)))
        {
            File.WriteAllBytes(Path.Combine(blobs, descriptor.Digest.Encoded), content);
        }

        var manifest = Json(ManifestDescriptor);
        manifest["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
        var index = new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(manifest) };
        File.WriteAllText(Path.Combine(folder, "index.json"), index.ToJsonString());
        File.WriteAllText(Path.Combine(folder, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
    }

    internal static JsonObject Json(Descriptor descriptor)
        => new() { ["mediaType"] = descriptor.MediaType, ["digest"] = descriptor.Digest.ToString(), ["size"] = descriptor.Size };
}
