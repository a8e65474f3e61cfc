using Berth.Oci;

namespace Berth.Remotes.Registry;

/// <summary>
/// The distribution API of one registry host (and its mirrors, for reads), for one caller's credentials. Every call
/// authenticates as the registry asks (anonymous, basic, or a bearer token from its WWW-Authenticate challenge),
/// retries what is transient, and fails with the closed error set: NotFound for an unknown name, tag or blob,
/// PermissionDenied when credentials are missing or refused, Unavailable when the registry cannot be reached.
/// </summary>
internal interface IRegistryClient
{
    /// <summary>Checks that the registry answers the API and accepts the credentials (GET /v2/, as `docker login` does).</summary>
    ValueTask PingAsync(CancellationToken cancellationToken = default);

    /// <summary>The descriptor of the manifest or index a tag or digest names, with the media type the registry serves.</summary>
    ValueTask<Descriptor> ResolveAsync(ImageReference reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a manifest or blob of <paramref name="repository"/> by descriptor, starting at <paramref name="offset"/> (a
    /// ranged request, to resume). Read to the end from offset 0, the stream throws FailedPrecondition if the size or
    /// digest is not the descriptor's; a resumed read cannot check the digest, the caller does.
    /// </summary>
    ValueTask<Stream> FetchAsync(ImageReference repository, Descriptor descriptor, long offset = 0, CancellationToken cancellationToken = default);

    /// <summary>Whether the repository has the blob already (HEAD).</summary>
    ValueTask<bool> BlobExistsAsync(ImageReference repository, Descriptor descriptor, CancellationToken cancellationToken = default);

    /// <summary>Asks the registry to mount a blob from another repository of the same host; false when it will not.</summary>
    ValueTask<bool> TryMountBlobAsync(ImageReference repository, Descriptor descriptor, string fromRepository,
        CancellationToken cancellationToken = default);

    /// <summary>Uploads a blob (monolithic when small, in chunks when large); the registry checks the digest.</summary>
    ValueTask PushBlobAsync(ImageReference repository, Descriptor descriptor, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Puts a manifest or index under the reference's tag (or digest).</summary>
    ValueTask PushManifestAsync(ImageReference reference, Descriptor descriptor, ReadOnlyMemory<byte> manifest,
        CancellationToken cancellationToken = default);
}

/// <summary>Makes clients per registry host, with the hosts' TLS, mirror and plain-HTTP settings.</summary>
internal interface IRegistryClientFactory
{
    /// <summary>A client for <paramref name="registry"/> (a host such as <c>docker.io</c> or <c>127.0.0.1:5000</c>).</summary>
    IRegistryClient Create(string registry, Core.Transfer.RegistryCredentials? credentials);
}
