using Berth.Core.Errors;
using Berth.Core.Snapshots;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Pull;

internal sealed partial class Puller
{
    // Downloads run concurrently (bounded); the unpack walks the layers in order, each as soon as its download is done.
    // Layers below the first one not yet unpacked are neither fetched nor unpacked, as containerd's unpacker does.
    private async Task FetchLayersAsync(ImageManifest manifest, ImageConfig config, CancellationToken cancellationToken)
    {
        var layers = manifest.Layers;
        ISnapshotter? snapshotter = null;
        IReadOnlyList<Digest> chain = [];
        int unpacked = 0;
        if (_plan.Unpack)
        {
            RequireUnpackable(manifest, config);
            snapshotter = _scope.Snapshotter(_plan.Snapshotter);
            chain = ChainIds.Of(config.RootFs.DiffIds);
            while (unpacked < chain.Count && await IsCommittedAsync(snapshotter, chain[unpacked], cancellationToken))
            {
                Report(layers[unpacked++], TransferStatus.AlreadyExists);
            }
        }

        using var failing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var failure = new FirstFailure(failing);
        var started = new Dictionary<Digest, LayerDownload>();
        var downloads = layers.Skip(unpacked).Select(layer =>
        {
            if (!started.TryGetValue(layer.Digest, out var download))
            {
                Report(layer, TransferStatus.Waiting);
                var arrival = new LayerArrival();
                started[layer.Digest] = download = new LayerDownload(DownloadLayerAsync(layer, arrival, failure, failing.Token), arrival);
            }

            return download;
        }).ToList();

        try
        {
            for (int i = unpacked; snapshotter is not null && i < layers.Count; i++)
            {
                await UnpackLayerAsync(snapshotter, layers[i], downloads[i - unpacked], chain, config.RootFs.DiffIds[i], i, failing.Token);
            }

            await Task.WhenAll(downloads.Select(d => d.Task));
        }
        catch (Exception ex)
        {
            failure.Record(ex);
            await Task.WhenAll(downloads.Select(d => d.Task)).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            failure.Rethrow();
            throw;
        }

        if (snapshotter is not null && chain.Count > 0)
        {
            await LabelAsync(manifest.Config.Digest, new Dictionary<string, string> { [PullLabels.SnapshotGcKey(_plan.Snapshotter)] = chain[^1].ToString() },
                cancellationToken);
        }
    }

    private async Task DownloadLayerAsync(Descriptor layer, LayerArrival arrival, FirstFailure failure, CancellationToken cancellationToken)
    {
        try
        {
            await _downloads.WaitAsync(cancellationToken);
            try
            {
                bool fetched = await FetchBlobAsync(layer, inLease: false, written =>
                {
                    Report(layer, TransferStatus.Downloading, written);
                    if (written == layer.Size)
                    {
                        Report(layer, TransferStatus.Verifying, written);
                    }
                }, cancellationToken, arrival);
                Report(layer, fetched ? TransferStatus.Downloaded : TransferStatus.AlreadyExists, layer.Size);
            }
            finally
            {
                _downloads.Release();
            }
        }
        catch (Exception ex)
        {
            failure.Record(ex);
            throw;
        }
    }

    private static void RequireUnpackable(ImageManifest manifest, ImageConfig config)
    {
        if (manifest.Layers.FirstOrDefault(l => !ManifestMediaTypes.IsUnpackableLayer(l.MediaType)) is { } foreign)
        {
            throw new UnimplementedException(
                $"layer {foreign.Digest} has media type {foreign.MediaType}, which berth cannot unpack: it unpacks tar layers, plain, " +
                "gzip or zstd; pull the image without unpacking to fetch it anyway");
        }

        if (config.RootFs.DiffIds.Count != manifest.Layers.Count)
        {
            throw new FailedPreconditionException(
                $"image config {manifest.Config.Digest} lists {config.RootFs.DiffIds.Count} diff IDs for {manifest.Layers.Count} layers: " +
                "the image is inconsistent, build or push it again");
        }
    }
}
