using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Berth.Core.Transfer;
using Berth.Oci;

namespace Berth.Remotes.Pull;

internal sealed partial class Puller
{
    private const int PrepareAttempts = 3;

    // Applies layer i onto the snapshot of layers 0..i-1 and commits the result under its chain ID (containerd's unpacker).
    // A layer this pull is still downloading is applied as its bytes arrive; it is committed once the blob checks out.
    private async Task UnpackLayerAsync(ISnapshotter snapshotter, Descriptor layer, LayerDownload download, IReadOnlyList<Digest> chain,
        Digest diffId, int i, CancellationToken cancellationToken)
    {
        bool follow = !download.Task.IsCompleted && download.Arrival.IsWriting;
        string chainId = chain[i].ToString();
        string? parent = i > 0 ? chain[i - 1].ToString() : null;
        var labels = PullLabels.Snapshot(layer, chain[i]);
        string key = string.Empty;
        IReadOnlyList<Mount>? mounts = null;
        for (int attempt = 1; mounts is null; attempt++)
        {
            if (await IsCommittedAsync(snapshotter, chain[i], cancellationToken))
            {
                await download.Task;
                Report(layer, TransferStatus.Complete);
                return;
            }

            key = $"extract-{UniquePart()} {chainId}";
            try
            {
                mounts = await snapshotter.PrepareAsync(key, parent, labels, cancellationToken);
            }
            catch (AlreadyExistsException) when (attempt < PrepareAttempts)
            {
            }
        }

        try
        {
            var applied = follow
                ? await ApplyArrivingAsync(layer, download, mounts, cancellationToken)
                : await ApplyStoredAsync(layer, download, mounts, cancellationToken);
            if (applied.Digest != diffId)
            {
                throw new FailedPreconditionException(
                    $"layer {layer.Digest} of {_plan.Reference} unpacks to diff ID {applied.Digest}, but the image config says {diffId}: " +
                    "the image is inconsistent, build or push it again");
            }
        }
        catch
        {
            await RemoveQuietlyAsync(snapshotter, key);
            throw;
        }

        try
        {
            await snapshotter.CommitAsync(chainId, key, labels, cancellationToken);
        }
        catch (Exception ex)
        {
            await RemoveQuietlyAsync(snapshotter, key);
            if (ex is not AlreadyExistsException)
            {
                throw;
            }

            // Another pull committed the same chain first: its snapshot is as good as this one.
        }

        await LabelAsync(layer.Digest, new Dictionary<string, string> { [LabelSet.Uncompressed] = diffId.ToString() }, cancellationToken);
        PullLog.Unpacked(_logger, layer.Digest.ToString(), chainId);
        Report(layer, TransferStatus.Complete);
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

    private async Task RemoveQuietlyAsync(ISnapshotter snapshotter, string key)
    {
        try
        {
            await snapshotter.RemoveAsync(key, CancellationToken.None);
        }
        catch (BerthException ex)
        {
            PullLog.RemoveFailed(_logger, key, ex.Message);
        }
    }

    // containerd's key is "extract-<nanoseconds>-<3 random bytes, base64url> <chain ID>".
    private string UniquePart()
    {
        long nanoseconds = _time.GetUtcNow().Ticks % TimeSpan.TicksPerSecond * 100;
        return $"{nanoseconds}-{Convert.ToBase64String(RandomNumberGenerator.GetBytes(3)).Replace('+', '-').Replace('/', '_')}";
    }
}
