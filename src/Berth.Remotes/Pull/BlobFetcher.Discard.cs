using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Pull;

internal sealed partial class BlobFetcher
{
    /// <summary>Discards the partial downloads of this pull, when it failed for a reason that resuming will not cure.</summary>
    public async Task DiscardOpenIngestsAsync()
    {
        foreach (string reference in _open.Keys)
        {
            await AbortQuietlyAsync(unleased, reference);
        }
    }

    // A blob whose bytes are not what the descriptor says is useless to resume: drop it, leave the rest of the store alone.
    private async Task<Exception> DiscardAsync(IContentStore content, string reference, Descriptor blob, FailedPreconditionException cause)
    {
        await AbortQuietlyAsync(content, reference);
        return new FailedPreconditionException(
            $"blob {blob.Digest} ({blob.MediaType}) of {repository.Name} failed verification: {cause.Message}; " +
            "the download was discarded: the registry's copy is corrupt or changed, push the image again", cause);
    }

    private async Task AbortQuietlyAsync(IContentStore content, string reference)
    {
        _open.TryRemove(reference, out _);
        try
        {
            await content.AbortAsync(reference, CancellationToken.None);
        }
        catch (NotFoundException)
        {
        }
        catch (BerthException ex)
        {
            PullLog.DiscardFailed(logger, reference, ex.Message);
        }
    }
}
