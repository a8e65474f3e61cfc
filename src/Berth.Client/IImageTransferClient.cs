using Berth.Core.Transfer;

namespace Berth.Client;

/// <summary>
/// berthd's image transfers (berth's Transfer service). The daemon does the work; the client watches. Cancelling a
/// watch (or exiting) leaves the transfer running in the daemon.
/// </summary>
public interface IImageTransferClient
{
    /// <summary>
    /// Pulls an image into the client's namespace and streams the daemon's progress; the last item has
    /// <see cref="TransferStatus.Done"/> and the image digest. Fails with the closed error set (NotFound for an unknown
    /// image, PermissionDenied when the registry refuses the credentials).
    /// </summary>
    IAsyncEnumerable<TransferProgress> PullAsync(ImagePullRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes an image of the client's namespace to the registry its name points at and streams the daemon's progress;
    /// the last item has <see cref="TransferStatus.Done"/>, the pushed digest as detail and the manifest's size as total.
    /// Fails with the closed error set (NotFound when no local image has that name, PermissionDenied when the registry
    /// refuses the credentials).
    /// </summary>
    IAsyncEnumerable<TransferProgress> PushAsync(ImagePushRequest request, CancellationToken cancellationToken = default);

    /// <summary>Has the daemon check credentials against <paramref name="registry"/> (a host such as <c>docker.io</c>); PermissionDenied when refused.</summary>
    ValueTask LoginAsync(string registry, RegistryCredentials credentials, CancellationToken cancellationToken = default);
}
