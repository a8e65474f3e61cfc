using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;
using Berth.Remotes.Pull;

namespace Berth.Remotes.Push;

internal sealed partial class Pusher
{
    // Layers are reported by short digest, as docker lists them; configs go quietly, as docker's do.
    private async Task PushBlobsAsync(IReadOnlyList<Descriptor> blobs, CancellationToken cancellationToken)
    {
        foreach (var layer in blobs.Where(IsShown))
        {
            Report(layer, TransferStatus.Waiting);
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var failure = new FirstFailure(cancel);
        try
        {
            await Task.WhenAll(blobs.Select(b => PushBlobAsync(b, failure, cancel.Token)));
        }
        catch
        {
            failure.Rethrow();
            throw;
        }
    }

    private async Task PushBlobAsync(Descriptor blob, FirstFailure failure, CancellationToken cancellationToken)
    {
        try
        {
            await _uploads.WaitAsync(cancellationToken);
            try
            {
                var (status, from) = await SendAsync(blob, cancellationToken);
                PushLog.Blob(_logger, blob.Digest.ToString(), _plan.Reference.ToString(), status == TransferStatus.Mounted ? "mounted from " + from : status.ToString());
                if (IsShown(blob))
                {
                    _report(new TransferProgress(ShortId(blob.Digest), status, blob.Size, blob.Size) { Detail = from });
                }
            }
            finally
            {
                _uploads.Release();
            }
        }
        catch (Exception ex)
        {
            failure.Record(ex);
            throw;
        }
    }

    private async Task<(TransferStatus Status, string? From)> SendAsync(Descriptor blob, CancellationToken cancellationToken)
    {
        var target = _plan.Reference;
        if (await _registry.BlobExistsAsync(target, blob, cancellationToken))
        {
            return (TransferStatus.AlreadyExists, null);
        }

        var info = await _scope.Content.InfoAsync(blob.Digest, cancellationToken);
        string? from = MountSource.Select(target.Repository, info.Labels.GetValueOrDefault(PullLabels.DistributionSourceKey(target)));
        if (from is not null && await _registry.TryMountBlobAsync(target, blob, from, cancellationToken))
        {
            return (TransferStatus.Mounted, from);
        }

        var reader = await _scope.Content.OpenReadAsync(blob.Digest, cancellationToken);
        await using (reader)
        {
            long reported = 0; // the first read is reported at once
            await using var stream = new UploadStream(reader, sent =>
            {
                if (IsShown(blob) && (reported == 0 || _time.GetElapsedTime(reported) >= _settings.ProgressInterval))
                {
                    reported = _time.GetTimestamp();
                    Report(blob, TransferStatus.Pushing, Math.Min(sent, blob.Size));
                }
            });
            await _registry.PushBlobAsync(target, blob, stream, cancellationToken);
        }

        return (TransferStatus.Pushed, null);
    }

    private static bool IsShown(Descriptor blob) => ManifestMediaTypes.IsLayer(blob.MediaType);

    private void Report(Descriptor blob, TransferStatus status, long current = 0)
        => _report(new TransferProgress(ShortId(blob.Digest), status, current, blob.Size));
}
