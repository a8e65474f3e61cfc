using Berth.Client;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Operations.Images;

/// <summary>
/// What an image occupies: its blobs (the records' targets, manifest, config, layers) and, when unpacked, the snapshots
/// of its layer chain with their disk usage. Images share blobs and snapshots, so totals are taken over the union.
/// </summary>
internal sealed record ImageFootprint(IReadOnlyDictionary<Digest, long> Blobs, IReadOnlyDictionary<(string Snapshotter, string Key), long> Snapshots)
{
    private const string SnapshotRefLabel = "containerd.io/gc.ref.snapshot.";

    /// <summary>The size <c>berth images</c> shows: the snapshots' usage when unpacked, else the config and layers as stored.</summary>
    public long ListedSize(LocalImage image)
        => Snapshots.Count > 0 ? Snapshots.Values.Sum() : image.Manifest is { } m ? m.Config.Size + m.Layers.Sum(l => l.Size) : 0;

    public static async Task<ImageFootprint> OfAsync(IBerthClient client, LocalImage image, string defaultSnapshotter, CancellationToken cancellationToken)
    {
        var blobs = new Dictionary<Digest, long>();
        var snapshots = new Dictionary<(string, string), long>();
        var manifest = image.Manifest;
        IEnumerable<Descriptor> referenced = [.. image.Records.Select(r => r.Target), .. manifest is null ? [] : (Descriptor[])[manifest.Manifest, manifest.Config, .. manifest.Layers]];
        foreach (var blob in referenced.DistinctBy(b => b.Digest))
        {
            try
            {
                blobs[blob.Digest] = (await client.Content.InfoAsync(blob.Digest, cancellationToken)).Size;
            }
            catch (NotFoundException)
            {
                // not fetched (another platform's, or a layer never pulled)
            }
        }

        if (manifest is null || image.Config is not { } config)
        {
            return new ImageFootprint(blobs, snapshots);
        }

        try
        {
            string snapshotter = await SnapshotterAsync(client, manifest.Config.Digest, defaultSnapshotter, cancellationToken);
            var snapshotStore = client.Snapshotter(snapshotter);
            foreach (var chainId in ImageSize.ChainIds(config.DiffIds))
            {
                snapshots[(snapshotter, chainId.ToString())] = (await snapshotStore.UsageAsync(chainId.ToString(), cancellationToken)).Size;
            }
        }
        catch (BerthException ex) when (ex is NotFoundException or InvalidArgumentException)
        {
            snapshots.Clear(); // not unpacked (or not in this snapshotter)
        }

        return new ImageFootprint(blobs, snapshots);
    }

    // The snapshotter the unpack recorded on the config blob, else the default one (as ImageSize picks it).
    private static async Task<string> SnapshotterAsync(IBerthClient client, Digest config, string defaultSnapshotter, CancellationToken cancellationToken)
    {
        var info = await client.Content.InfoAsync(config, cancellationToken);
        var recorded = info.Labels.Keys.Where(k => k.StartsWith(SnapshotRefLabel, StringComparison.Ordinal)).Select(k => k[SnapshotRefLabel.Length..]).ToList();
        return recorded.Contains(defaultSnapshotter) || recorded.Count == 0 ? defaultSnapshotter : recorded[0];
    }
}
