using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Core.Transfer;
using Berth.Oci;

namespace Berth.Remotes.Pull;

internal sealed partial class Puller
{
    // Applies a layer from its ingest while the download writes it, then waits for the download: only a blob whose digest
    // checked out is trusted. An apply that fails over a blob that then checks out is done again from the store, so that
    // following the download never fails a pull that waiting would not have.
    private async Task<Descriptor> ApplyArrivingAsync(Descriptor layer, LayerDownload download, IReadOnlyList<Mount> mounts,
        CancellationToken cancellationToken)
    {
        Core.Content.IContentReader ingest;
        try
        {
            ingest = await Content.OpenIngestReadAsync(PullLabels.IngestRef(layer), cancellationToken);
        }
        catch (NotFoundException)
        {
            return await ApplyStoredAsync(layer, download, mounts, cancellationToken); // committed in between
        }

        try
        {
            Descriptor applied;
            await using (var reader = new ArrivingBlobReader(ingest, download.Arrival, layer))
            {
                applied = await _scope.Diff.ApplyAsync(layer, reader, mounts, cancellationToken);
            }

            await download.Task;
            Report(layer, TransferStatus.Extracting);
            return applied;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed download fails the pull with its own error, from the wait below.
            PullLog.FollowFailed(_logger, layer.Digest.ToString(), ex.Message);
            return await ApplyStoredAsync(layer, download, mounts, cancellationToken);
        }
    }

    private async Task<Descriptor> ApplyStoredAsync(Descriptor layer, LayerDownload download, IReadOnlyList<Mount> mounts,
        CancellationToken cancellationToken)
    {
        await download.Task;
        Report(layer, TransferStatus.Extracting);
        return await _scope.Diff.ApplyAsync(layer, mounts, null, cancellationToken);
    }
}
