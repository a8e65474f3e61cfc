using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Registry;
using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Pull;

/// <summary>
/// Fetches blobs of one repository into a content store through its writers, as containerd's fetch handler does: the
/// ingest is named after the blob (<see cref="PullLabels.IngestRef"/>), so a download cut off (here, or by a daemon that
/// died) is resumed from what was written with a ranged request; a blob already in the store is not fetched; a blob
/// another pull is writing is waited for. The store checks size and digest at commit; a blob that fails them is
/// discarded and fails the pull with FailedPrecondition.
/// </summary>
/// <remarks>
/// Only the root is written through the pull's lease. Other blobs are written without it: an unleased ingest outlives a
/// failed pull (the collector keeps it for a day), so the next pull resumes it; once committed, such a blob is kept by
/// the gc.ref label its parent was given before it was fetched.
/// </remarks>
internal sealed partial class BlobFetcher(IRegistryClient registry, ImageReference repository, IContentStore leased, IContentStore unleased,
    ImageTransferSettings settings, TimeProvider time, ILogger logger)
{
    // Ingests this pull opened and has not finished: what a pull that fails for good discards.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _open = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes <paramref name="blob"/> a committed blob of the store. Returns false when it was there already.
    /// <paramref name="onProgress"/> gets the bytes written so far, at most every <see cref="ImageTransferSettings.ProgressInterval"/>;
    /// <paramref name="arrival"/>, after every write, for a reader following the ingest. It ends with the fetch.
    /// </summary>
    public async Task<bool> FetchAsync(Descriptor blob, bool inLease, Action<long>? onProgress, CancellationToken cancellationToken,
        LayerArrival? arrival = null)
    {
        try
        {
            return await FetchIntoStoreAsync(blob, inLease, onProgress, arrival, cancellationToken);
        }
        finally
        {
            arrival?.End();
        }
    }

    private async Task<bool> FetchIntoStoreAsync(Descriptor blob, bool inLease, Action<long>? onProgress, LayerArrival? arrival,
        CancellationToken cancellationToken)
    {
        var content = inLease ? leased : unleased;
        string reference = PullLabels.IngestRef(blob);
        var options = new ContentWriterOptions(reference) { ExpectedDigest = blob.Digest, ExpectedSize = blob.Size };
        for (int attempt = 0; ; attempt++)
        {
            var writer = await OpenAsync(content, options, cancellationToken);
            if (writer is null)
            {
                return false;
            }

            _open[reference] = 0;
            FailedPreconditionException? corrupt = null;
            await using (writer)
            {
                try
                {
                    await CopyAsync(writer, blob, onProgress, arrival, cancellationToken);
                    await writer.CommitAsync(blob.Size, blob.Digest, null, cancellationToken);
                    _open.TryRemove(reference, out _);
                    return true;
                }
                catch (AlreadyExistsException)
                {
                    _open.TryRemove(reference, out _);
                    return false;
                }
                catch (InterruptedFetchException ex) when (attempt < settings.MaxResumes)
                {
                    PullLog.FetchInterrupted(logger, blob.Digest.ToString(), repository.Name, ex.Written, attempt + 1, ex.InnerException!);
                }
                catch (InterruptedFetchException ex)
                {
                    throw new UnavailableException(
                        $"fetching blob {blob.Digest} from {repository.Name} failed {attempt + 1} times, last after {ex.Written} of {blob.Size} bytes: " +
                        $"{ex.InnerException!.Message}; pull again to resume", ex.InnerException);
                }
                catch (FailedPreconditionException ex)
                {
                    corrupt = ex;
                }
            }

            // The writer is closed now, so the ingest can go.
            if (corrupt is not null)
            {
                throw await DiscardAsync(content, reference, blob, corrupt);
            }

            await Task.Delay(settings.ResumeDelay * (1 << attempt), time, cancellationToken);
        }
    }

    // Null when the blob is in the store already.
    private async Task<IContentWriter?> OpenAsync(IContentStore content, ContentWriterOptions options, CancellationToken cancellationToken)
    {
        for (int busy = 0; ; busy++)
        {
            try
            {
                return await content.OpenWriterAsync(options, cancellationToken);
            }
            catch (AlreadyExistsException)
            {
                return null;
            }
            catch (UnavailableException) when (!cancellationToken.IsCancellationRequested)
            {
                // Another pull writes this blob: it will commit it (AlreadyExists next time) or leave an ingest to resume.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 20 << Math.Min(busy, 6))), time, cancellationToken);
            }
        }
    }
}
