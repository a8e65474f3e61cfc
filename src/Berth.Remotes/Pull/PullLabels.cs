using Berth.Core.Labels;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Pull;

/// <summary>
/// The labels containerd's client puts on what it pulls, with the same keys and values, so that garbage collection
/// follows the same edges and <c>ctr</c> reads the same store (containerd 1.6: images/handlers.go SetChildrenMappedLabels,
/// images/mediatypes.go ChildGCLabels, remotes/docker/handler.go, unpacker.go).
/// </summary>
internal static class PullLabels
{
    /// <summary>On a snapshot made by unpacking: the chain ID it holds.</summary>
    public const string SnapshotRef = "containerd.io/snapshot.ref";

    private const string DistributionSourcePrefix = "containerd.io/distribution.source.";

    // Layer annotations with this prefix are copied to the snapshot's labels (containerd's FilterInheritedLabels).
    private const string InheritedPrefix = "containerd.io/snapshot/";

    /// <summary>
    /// The labels of a manifest or index naming its children: <c>gc.ref.content.config</c>, <c>gc.ref.content.l.&lt;i&gt;</c>
    /// for layers, <c>gc.ref.content.m.&lt;i&gt;</c> for manifests, <c>gc.ref.content.&lt;i&gt;</c> for anything else; a
    /// key is numbered from 0 when it ends in '.', else from its second use.
    /// </summary>
    public static Dictionary<string, string> Children(IEnumerable<Descriptor> children)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            string key = ChildKey(child.MediaType);
            int index = uses.GetValueOrDefault(key);
            uses[key] = index + 1;
            labels[index > 0 || key.EndsWith('.') ? key + index : key] = child.Digest.ToString();
        }

        return labels;
    }

    /// <summary>The key of the label that names a blob's origin: <c>containerd.io/distribution.source.&lt;host without port&gt;</c>.</summary>
    public static string DistributionSourceKey(ImageReference reference)
    {
        string registry = reference.Registry;
        string host = registry.StartsWith('[') ? registry[1..registry.IndexOf(']', StringComparison.Ordinal)]
            : registry.Split(':')[0];
        return DistributionSourcePrefix + host;
    }

    /// <summary>
    /// The value of the distribution source label with <paramref name="repository"/> added: the repositories, sorted and
    /// without repeats, comma separated; null when it would exceed the label size limit (containerd then skips it).
    /// </summary>
    public static string? AppendDistributionSource(string key, string? current, string repository)
    {
        var repositories = (current ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Append(repository)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        string value = string.Join(',', repositories);
        return System.Text.Encoding.UTF8.GetByteCount(key) + System.Text.Encoding.UTF8.GetByteCount(value) > LabelSet.MaxSize ? null : value;
    }

    /// <summary>The labels of an unpacked layer's snapshot.</summary>
    public static Dictionary<string, string> Snapshot(Descriptor layer, Digest chainId)
    {
        var labels = layer.Annotations.Where(a => a.Key.StartsWith(InheritedPrefix, StringComparison.Ordinal))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        labels[SnapshotRef] = chainId.ToString();
        return labels;
    }

    /// <summary>The label on a config naming the snapshot of the unpacked image in <paramref name="snapshotter"/>.</summary>
    public static string SnapshotGcKey(string snapshotter) => LabelSet.GcRefSnapshotPrefix + snapshotter;

    private static string ChildKey(string mediaType)
        => ManifestMediaTypes.IsKnownConfig(mediaType) ? LabelSet.GcRefContentPrefix + ".config"
            : ManifestMediaTypes.IsManifest(mediaType) ? LabelSet.GcRefContentPrefix + ".m."
            : ManifestMediaTypes.IsLayer(mediaType) ? LabelSet.GcRefContentPrefix + ".l."
            : LabelSet.GcRefContentPrefix + ".";

    /// <summary>The ingest ref containerd's fetcher writes a blob under (remotes.MakeRefKey).</summary>
    public static string IngestRef(Descriptor blob)
        => (ManifestMediaTypes.IsManifest(blob.MediaType) ? "manifest-"
            : ManifestMediaTypes.IsIndex(blob.MediaType) ? "index-"
            : ManifestMediaTypes.IsLayer(blob.MediaType) ? "layer-"
            : ManifestMediaTypes.IsKnownConfig(blob.MediaType) ? "config-"
            : "unknown-") + blob.Digest;
}
