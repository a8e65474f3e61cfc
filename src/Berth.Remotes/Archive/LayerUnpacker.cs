using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Core.Metadata;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;
using Berth.Remotes.Pull;

namespace Berth.Remotes.Archive;

/// <summary>
/// Unpacks an image's layers into a snapshotter as a pull does: layer i onto the snapshot of layers 0..i-1, committed
/// under its chain ID, the diff ID checked against the config; layers unpacked already are skipped. The scope is the
/// import's leased one, so a failed import leaves no snapshot behind.
/// </summary>
internal sealed class LayerUnpacker(INamespaceScope scope, string snapshotterName, Action<TransferProgress> report)
{
    public async Task UnpackAsync(ImageManifest manifest, ImageConfig config, CancellationToken cancellationToken)
    {
        var snapshotter = scope.Snapshotter(snapshotterName);
        var chain = ChainIds.Of(config.RootFs.DiffIds);
        for (int i = 0; i < manifest.Layers.Count; i++)
        {
            var layer = manifest.Layers[i];
            if (!ManifestMediaTypes.IsUnpackableLayer(layer.MediaType))
            {
                throw new UnimplementedException($"layer {layer.Digest} has media type {layer.MediaType}, which berth cannot unpack: it unpacks tar layers, plain, gzip or zstd");
            }

            if (await IsCommittedAsync(snapshotter, chain[i], cancellationToken))
            {
                report(new TransferProgress(ShortId(layer.Digest), TransferStatus.AlreadyExists, layer.Size, layer.Size));
                continue;
            }

            report(new TransferProgress(ShortId(layer.Digest), TransferStatus.Extracting, 0, layer.Size));
            var labels = PullLabels.Snapshot(layer, chain[i]);
            string key = $"extract-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))} {chain[i]}";
            var mounts = await snapshotter.PrepareAsync(key, i > 0 ? chain[i - 1].ToString() : null, labels, cancellationToken);
            await ApplyAndCommitAsync(snapshotter, key, mounts, layer, config.RootFs.DiffIds[i], chain[i], labels, cancellationToken);
            await StoreWrites.LabelAsync(scope.Content, layer.Digest, new Dictionary<string, string> { [LabelSet.Uncompressed] = config.RootFs.DiffIds[i].ToString() },
                cancellationToken);
            report(new TransferProgress(ShortId(layer.Digest), TransferStatus.Complete, layer.Size, layer.Size));
        }

        if (chain.Count > 0)
        {
            await StoreWrites.LabelAsync(scope.Content, manifest.Config.Digest,
                new Dictionary<string, string> { [PullLabels.SnapshotGcKey(snapshotterName)] = chain[^1].ToString() }, cancellationToken);
        }
    }

    private async Task ApplyAndCommitAsync(ISnapshotter snapshotter, string key, IReadOnlyList<Mount> mounts, Descriptor layer, Digest diffId, Digest chainId,
        IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        try
        {
            var applied = await scope.Diff.ApplyAsync(layer, mounts, null, cancellationToken);
            if (applied.Digest != diffId)
            {
                throw new InvalidArgumentException(
                    $"layer {layer.Digest} unpacks to diff ID {applied.Digest}, but the image config says {diffId}: the archive is corrupt");
            }

            await snapshotter.CommitAsync(chainId.ToString(), key, labels, cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            // Another unpack committed the same chain first: its snapshot is as good as this one.
            await RemoveQuietlyAsync(snapshotter, key);
        }
        catch
        {
            await RemoveQuietlyAsync(snapshotter, key);
            throw;
        }
    }

    private static async Task<bool> IsCommittedAsync(ISnapshotter snapshotter, Digest chainId, CancellationToken cancellationToken)
    {
        try
        {
            return (await snapshotter.StatAsync(chainId.ToString(), cancellationToken)).Kind == SnapshotKind.Committed;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private static async Task RemoveQuietlyAsync(ISnapshotter snapshotter, string key)
    {
        try
        {
            await snapshotter.RemoveAsync(key, CancellationToken.None);
        }
        catch (BerthException)
        {
        }
    }

    internal static string ShortId(Digest digest) => digest.Encoded.Length > 12 ? digest.Encoded[..12] : digest.Encoded;
}
