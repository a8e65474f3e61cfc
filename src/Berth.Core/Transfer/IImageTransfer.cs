using Berth.Core.Metadata;

namespace Berth.Core.Transfer;

/// <summary>
/// Moves images between registries and a namespace's stores, inside the daemon: a pull or push goes on when the
/// client that asked for it goes away, and two clients asking for the same transfer at once share it.
/// </summary>
public interface IImageTransfer
{
    /// <summary>
    /// Pulls an image into the scope's content store, records it in its image store and (by default) unpacks it,
    /// reporting progress as it goes. Cancelling stops the reporting, not the pull.
    /// </summary>
    IAsyncEnumerable<TransferProgress> PullAsync(INamespaceScope scope, ImagePullRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes an image of the scope's image store to the registry its name points at: blobs the repository lacks are
    /// mounted from another repository of the registry when the store knows one, else uploaded; manifests go last.
    /// The last item has <see cref="TransferStatus.Done"/>, the pushed digest in its detail and the manifest's size as
    /// its total. Cancelling stops the reporting, not the push.
    /// </summary>
    IAsyncEnumerable<TransferProgress> PushAsync(INamespaceScope scope, ImagePushRequest request, CancellationToken cancellationToken = default);

    /// <summary>Checks credentials against a registry (what `login` does); PermissionDenied when refused.</summary>
    ValueTask CheckLoginAsync(string registry, RegistryCredentials credentials, CancellationToken cancellationToken = default);
}
