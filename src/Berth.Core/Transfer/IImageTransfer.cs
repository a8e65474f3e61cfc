using Berth.Core.Metadata;

namespace Berth.Core.Transfer;

/// <summary>
/// Moves images between registries and a namespace's stores, inside the daemon: a pull goes on when the client that
/// asked for it goes away, and two clients pulling the same image at once share one pull.
/// </summary>
public interface IImageTransfer
{
    /// <summary>
    /// Pulls an image into the scope's content store, records it in its image store and (by default) unpacks it,
    /// reporting progress as it goes. Cancelling stops the reporting, not the pull.
    /// </summary>
    IAsyncEnumerable<TransferProgress> PullAsync(INamespaceScope scope, ImagePullRequest request, CancellationToken cancellationToken = default);

    /// <summary>Checks credentials against a registry (what `login` does); PermissionDenied when refused.</summary>
    ValueTask CheckLoginAsync(string registry, RegistryCredentials credentials, CancellationToken cancellationToken = default);
}
