using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Auth;

namespace Berth.Remotes.Registry;

internal sealed partial class RegistryClient
{
    public async ValueTask<bool> BlobExistsAsync(ImageReference repository, Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        CheckRegistry(repository);
        var operation = RegistryOperation.Push(repository, $"blob {descriptor.Digest} of {repository.Name}");
        var request = new RegistryRequest(HttpMethod.Head, $"{repository.Repository}/blobs/{descriptor.Digest}", operation)
        {
            Scopes = [TokenScopes.Push(repository.Repository)],
        };
        using var response = await SendAsync(_host, request, _settings.MaxAttempts, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw await RegistryErrors.FromResponseAsync(response, operation, cancellationToken),
        };
    }

    public async ValueTask<bool> TryMountBlobAsync(ImageReference repository, Descriptor descriptor, string fromRepository,
        CancellationToken cancellationToken = default)
    {
        CheckRegistry(repository);
        var operation = RegistryOperation.Push(repository, $"blob {descriptor.Digest} of {repository.Name}");
        string query = $"mount={Uri.EscapeDataString(descriptor.Digest.ToString())}&from={Uri.EscapeDataString(fromRepository)}";
        var request = new RegistryRequest(HttpMethod.Post, $"{repository.Repository}/blobs/uploads/?{query}", operation)
        {
            Scopes = [TokenScopes.Push(repository.Repository), TokenScopes.Pull(fromRepository)],
        };
        using var response = await SendAsync(_host, request, _settings.MaxAttempts, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Created:
                return true;
            case HttpStatusCode.Accepted:
                // The registry would not mount and opened an upload instead: close it, the caller pushes the blob.
                var location = response.Headers.Location is { } opened ? new Uri(response.RequestMessage!.RequestUri!, opened) : null;
                await CancelUploadAsync(location, repository, operation);
                return false;
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound:
                return false; // no read access to the source: an upload will do
            default:
                throw await RegistryErrors.FromResponseAsync(response, operation, cancellationToken);
        }
    }

    public async ValueTask PushManifestAsync(ImageReference reference, Descriptor descriptor, ReadOnlyMemory<byte> manifest,
        CancellationToken cancellationToken = default)
    {
        CheckRegistry(reference);
        CheckManifestContent(reference, descriptor, manifest);
        // A digest reference (a child of an index, say) is stored by digest; a tag reference under its tag.
        string key = reference.Digest is null && reference.Tag is { } tag ? tag : descriptor.Digest.ToString();
        var operation = RegistryOperation.Push(reference, $"manifest {descriptor.Digest} for {reference}");
        var request = new RegistryRequest(HttpMethod.Put, $"{reference.Repository}/manifests/{key}", operation)
        {
            Scopes = [TokenScopes.Push(reference.Repository)],
            Content = _ => new ReadOnlyMemoryContent(manifest) { Headers = { ContentType = new MediaTypeHeaderValue(descriptor.MediaType) } },
        };
        using var response = await SendAsync(_host, request, _settings.MaxAttempts, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryErrors.FromResponseAsync(response, operation, cancellationToken);
        }

        CheckStoredDigest(response, descriptor, operation);
    }

    private static void CheckManifestContent(ImageReference reference, Descriptor descriptor, ReadOnlyMemory<byte> manifest)
    {
        if (manifest.Length != descriptor.Size || (descriptor.Digest.TryGetHashAlgorithm(out var algorithm) && Hash(algorithm, manifest.Span) != descriptor.Digest))
        {
            throw new InvalidArgumentException(
                $"the manifest given for {reference} ({manifest.Length} bytes) does not match its descriptor {descriptor.Digest} ({descriptor.Size} bytes)");
        }
    }

    private static Digest Hash(HashAlgorithmName algorithm, ReadOnlySpan<byte> content) => algorithm == HashAlgorithmName.SHA512
        ? Digest.FromHash("sha512", SHA512.HashData(content))
        : Digest.Sha256(content);

    private void CheckStoredDigest(HttpResponseMessage response, Descriptor descriptor, RegistryOperation operation)
    {
        if (response.Headers.NonValidated.TryGetValues("Docker-Content-Digest", out var values)
            && Digest.TryParse(values.ToString(), out var stored) && stored.Algorithm == descriptor.Digest.Algorithm
            && stored != descriptor.Digest)
        {
            throw new FailedPreconditionException(
                $"digest mismatch: {_registry} stored {operation.Subject} as {stored}, not {descriptor.Digest}");
        }
    }
}
