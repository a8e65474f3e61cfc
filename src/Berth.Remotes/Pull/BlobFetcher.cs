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
internal sealed partial class BlobFetcher(
    IRegistryClient registry, ImageReference repository, IContentStore content, ImageTransferSettings settings, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Makes <paramref name="blob"/> a committed blob of the store. Returns false when it was there already.
    /// <paramref name="onProgress"/> gets the bytes written so far, at most every <see cref="ImageTransferSettings.ProgressInterval"/>.
    /// </summary>
    public async Task<bool> FetchAsync(Descriptor blob, Action<long>? onProgress, CancellationToken cancellationToken)
    {
        string reference = PullLabels.IngestRef(blob);
        var options = new ContentWriterOptions(reference) { ExpectedDigest = blob.Digest, ExpectedSize = blob.Size };
        for (int attempt = 0, busy = 0; ; attempt++)
        {
            IContentWriter writer;
            try
            {
                writer = await content.OpenWriterAsync(options, cancellationToken);
            }
            catch (AlreadyExistsException)
            {
                return false;
            }
            catch (UnavailableException) when (!cancellationToken.IsCancellationRequested)
            {
                // Another pull writes this blob: it will commit it (AlreadyExists next time) or leave an ingest to resume.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 20 << Math.Min(busy++, 6))), time, cancellationToken);
                attempt--;
                continue;
            }

            await using (writer)
            {
                try
                {
                    await CopyAsync(writer, blob, onProgress, cancellationToken);
                }
                catch (InterruptedFetchException ex) when (attempt < settings.MaxResumes)
                {
                    PullLog.FetchInterrupted(logger, blob.Digest.ToString(), repository.Name, ex.Written, attempt + 1, ex.InnerException!);
                    await Task.Delay(settings.ResumeDelay * (1 << attempt), time, cancellationToken);
                    continue;
                }
                catch (InterruptedFetchException ex)
                {
                    throw new UnavailableException(
                        $"fetching blob {blob.Digest} from {repository.Name} failed {attempt + 1} times, last after {ex.Written} of {blob.Size} bytes: " +
                        $"{ex.InnerException!.Message}; pull again to resume", ex.InnerException);
                }
                catch (FailedPreconditionException ex)
                {
                    throw await DiscardAsync(reference, blob, ex);
                }

                try
                {
                    await writer.CommitAsync(blob.Size, blob.Digest, null, cancellationToken);
                }
                catch (AlreadyExistsException)
                {
                    return false;
                }
                catch (FailedPreconditionException ex)
                {
                    throw await DiscardAsync(reference, blob, ex);
                }

                return true;
            }
        }
    }

    // A blob whose bytes are not what the descriptor says is useless to resume: drop it, leave the rest of the store alone.
    private async Task<Exception> DiscardAsync(string reference, Descriptor blob, FailedPreconditionException cause)
    {
        try
        {
            await content.AbortAsync(reference, CancellationToken.None);
        }
        catch (BerthException ex)
        {
            PullLog.DiscardFailed(logger, reference, ex.Message);
        }

        return new FailedPreconditionException(
            $"blob {blob.Digest} ({blob.MediaType}) of {repository.Name} failed verification: {cause.Message}; " +
            "the download was discarded: the registry's copy is corrupt or changed, push the image again", cause);
    }
}
