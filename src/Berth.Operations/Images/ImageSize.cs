using System.Text;
using Berth.Client;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Operations.Images;

/// <summary>
/// The SIZE berth shows for an image. When the image is unpacked, the disk its snapshots use (the sum of each layer
/// snapshot's own usage, as docker's SIZE sums its layers); when it is not, the compressed size of its config and
/// layers in the content store. The snapshotter is the one the unpack recorded on the config blob
/// (<c>containerd.io/gc.ref.snapshot.&lt;name&gt;</c>), else the default one.
/// </summary>
internal static class ImageSize
{
    private const string SnapshotRefLabel = "containerd.io/gc.ref.snapshot.";

    public static async Task<long> OfAsync(IBerthClient client, ImageManifest manifest, ImageConfig config, string defaultSnapshotter,
        CancellationToken cancellationToken)
    {
        long compressed = manifest.Config.Size + manifest.Layers.Sum(l => l.Size);
        var chain = ChainIds(config.DiffIds);
        if (chain.Count == 0)
        {
            return compressed;
        }

        string snapshotter = defaultSnapshotter;
        try
        {
            var info = await client.Content.InfoAsync(manifest.Config.Digest, cancellationToken);
            var recorded = info.Labels.Keys.Where(k => k.StartsWith(SnapshotRefLabel, StringComparison.Ordinal)).Select(k => k[SnapshotRefLabel.Length..]).ToList();
            snapshotter = recorded.Contains(defaultSnapshotter) || recorded.Count == 0 ? defaultSnapshotter : recorded[0];
            var snapshots = client.Snapshotter(snapshotter);
            long unpacked = 0;
            foreach (var id in chain)
            {
                unpacked += (await snapshots.UsageAsync(id.ToString(), cancellationToken)).Size;
            }

            return unpacked;
        }
        catch (BerthException ex) when (ex is NotFoundException or InvalidArgumentException)
        {
            return compressed; // not unpacked (or not in this snapshotter)
        }
    }

    /// <summary>
    /// The chain ids of a layer stack (OCI image-spec, "ChainID"): the first is the first diff id, each next one the
    /// sha256 of "&lt;previous chain id&gt; &lt;diff id&gt;". Unpacked layers are committed snapshots of these names.
    /// </summary>
    public static IReadOnlyList<Digest> ChainIds(IReadOnlyList<Digest> diffIds)
    {
        var chain = new List<Digest>(diffIds.Count);
        foreach (var diffId in diffIds)
        {
            chain.Add(chain.Count == 0 ? diffId : Digest.Sha256(Encoding.ASCII.GetBytes($"{chain[^1]} {diffId}")));
        }

        return chain;
    }
}
