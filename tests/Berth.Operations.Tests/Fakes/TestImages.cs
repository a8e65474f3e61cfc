using System.Text;
using System.Text.Json.Nodes;
using Berth.Core.Images;
using Berth.Oci;
using Berth.Operations.Images;

namespace Berth.Operations.Tests.Fakes;

/// <summary>Writes small OCI images (config, manifest, optionally an index) into a fake client's stores.</summary>
internal static class TestImages
{
    public sealed record Made(Digest ConfigDigest, Digest TargetDigest, IReadOnlyList<Digest> DiffIds);

    /// <param name="layers">Compressed sizes of the layers; their diff ids are made up from the image's seed.</param>
    public static Made Add(FakeBerthClient client, string seed, DateTimeOffset? created, long[] layers, string[] names,
        Dictionary<string, string>? labels = null, bool index = false, IReadOnlyDictionary<string, string>? configBlobLabels = null)
    {
        var diffIds = layers.Select((_, i) => Digest.Sha256(Encoding.UTF8.GetBytes($"{seed}-layer-{i}"))).ToList();
        var containerConfig = new JsonObject { ["Env"] = new JsonArray("PATH=/bin"), ["Cmd"] = new JsonArray("sh") };
        if (labels is not null)
        {
            containerConfig["Labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        var config = new JsonObject
        {
            ["architecture"] = HostPlatform.Current.Architecture, ["os"] = "linux", ["config"] = containerConfig,
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray([.. diffIds.Select(d => (JsonNode)d.ToString())]) },
        };
        if (created is { } time)
        {
            config["created"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        byte[] configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        var configDigest = client.Blobs.Add(configBytes, configBlobLabels);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciManifest,
            ["config"] = Descriptor(MediaTypes.OciConfig, configDigest, configBytes.Length),
            ["layers"] = new JsonArray([.. layers.Select((size, i) => Descriptor(MediaTypes.OciLayerGzip,
                Digest.Sha256(Encoding.UTF8.GetBytes($"{seed}-blob-{i}")), size))]),
        };
        byte[] manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var target = new Descriptor(MediaTypes.OciManifest, client.Blobs.Add(manifestBytes), manifestBytes.Length);
        if (index)
        {
            var other = Descriptor(MediaTypes.OciManifest, Digest.Sha256("absent"u8), 100);
            other["platform"] = new JsonObject { ["os"] = "linux", ["architecture"] = "s390x" };
            var entry = Descriptor(MediaTypes.OciManifest, target.Digest, target.Size);
            entry["platform"] = new JsonObject { ["os"] = "linux", ["architecture"] = HostPlatform.Current.Architecture };
            byte[] indexBytes = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = new JsonArray(other, entry),
            }.ToJsonString());
            target = new Descriptor(MediaTypes.OciIndex, client.Blobs.Add(indexBytes), indexBytes.Length);
        }

        foreach (string name in names)
        {
            client.ImageStore.CreateAsync(new Image(name, target) { CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch })
                .AsTask().GetAwaiter().GetResult();
        }

        return new Made(configDigest, target.Digest, diffIds);
    }

    /// <summary>Marks the image unpacked in overlayfs: each layer snapshot (named by chain id) uses the given bytes.</summary>
    public static void Unpack(FakeBerthClient client, Made image, params long[] usage)
    {
        var chain = ImageSize.ChainIds(image.DiffIds);
        for (int i = 0; i < chain.Count; i++)
        {
            client.Usage[("overlayfs", chain[i].ToString())] = usage[i];
        }
    }

    private static JsonObject Descriptor(string mediaType, Digest digest, long size)
        => new() { ["mediaType"] = mediaType, ["digest"] = digest.ToString(), ["size"] = size };
}
