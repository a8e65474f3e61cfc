using System.Net;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Auth;

namespace Berth.Remotes.Registry;

internal sealed partial class RegistryClient
{
    public async ValueTask<Descriptor> ResolveAsync(ImageReference reference, CancellationToken cancellationToken = default)
    {
        CheckRegistry(reference);
        var operation = RegistryOperation.Pull(reference, $"manifest for {reference}");
        return await ReadAsync((endpoint, attempts) => ResolveAtAsync(endpoint, reference, operation, attempts, cancellationToken));
    }

    // HEAD first, as containerd: a complete answer (digest, size, media type) costs no body. Otherwise GET, whose
    // body gives the digest and whose error body words a refusal better than a bare status.
    private async Task<Descriptor> ResolveAtAsync(RegistryEndpoint endpoint, ImageReference reference, RegistryOperation operation,
        int attempts, CancellationToken ct)
    {
        var head = new RegistryRequest(HttpMethod.Head, $"{reference.Repository}/manifests/{reference.ManifestKey}", operation)
        {
            Scopes = [TokenScopes.Pull(reference.Repository)],
            Accept = ManifestMediaTypes.Accept,
        };
        using (var response = await SendAsync(endpoint, head, attempts, ct))
        {
            if (response.IsSuccessStatusCode && FromHeaders(response, reference) is { } descriptor)
            {
                return descriptor;
            }

            if (!response.IsSuccessStatusCode && response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Unauthorized
                or HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed))
            {
                throw RegistryErrors.FromStatus(response.StatusCode, response.ReasonPhrase, null, operation);
            }
        }

        using var get = await SendAsync(endpoint, head with { Method = HttpMethod.Get }, attempts, ct);
        if (!get.IsSuccessStatusCode)
        {
            throw await RegistryErrors.FromResponseAsync(get, operation, ct);
        }

        return await FromBodyAsync(get, reference, ct);
    }

    private Descriptor? FromHeaders(HttpResponseMessage response, ImageReference reference)
    {
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        long? size = response.Content.Headers.ContentLength;
        CheckMediaType(mediaType, reference);
        var digest = reference.Digest ?? DigestHeader(response, reference);
        if (!ManifestMediaTypes.IsManifest(mediaType) || size is null || digest is null)
        {
            return null;
        }

        CheckManifestSize(size.Value, reference);
        return new Descriptor(mediaType!, digest.Value, size.Value);
    }

    private async Task<Descriptor> FromBodyAsync(HttpResponseMessage response, ImageReference reference, CancellationToken ct)
    {
        CheckManifestSize(response.Content.Headers.ContentLength ?? 0, reference);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        byte[] buffer = new byte[Math.Min(response.Content.Headers.ContentLength ?? 64 * 1024, _settings.MaxManifestSize) + 1];
        using var body = new MemoryStream();
        for (int read; (read = await stream.ReadAsync(buffer, ct)) > 0;)
        {
            body.Write(buffer, 0, read);
            CheckManifestSize(body.Length, reference);
        }

        byte[] manifest = body.ToArray();
        string? served = response.Content.Headers.ContentType?.MediaType;
        string mediaType = ManifestMediaTypes.IsManifest(served) ? served! : ManifestMediaTypes.Sniff(manifest) ?? throw new UnimplementedException(
                $"{reference} has a manifest of unknown media type \"{served}\"; berth reads OCI and Docker schema 2 manifests and indexes");

        CheckMediaType(mediaType, reference);
        var digest = reference.Digest ?? Digest.Sha256(manifest);
        if (reference.Digest is { } pinned && pinned.TryGetHashAlgorithm(out var algorithm) && Hash(algorithm, manifest) is var actual
            && actual != pinned)
        {
            throw new FailedPreconditionException(
                $"digest mismatch: {_registry} served a manifest for {reference} whose digest is {actual}; the registry content is corrupt");
        }

        return new Descriptor(mediaType, digest, manifest.Length);
    }

    private Digest? DigestHeader(HttpResponseMessage response, ImageReference reference)
    {
        if (!response.Headers.NonValidated.TryGetValues("Docker-Content-Digest", out var values))
        {
            return null;
        }

        string value = values.ToString();
        return Digest.TryParse(value, out var digest) ? digest : throw new FailedPreconditionException(
            $"{_registry} answered {reference} with an invalid Docker-Content-Digest \"{value}\"; the registry is misbehaving");
    }

    private static void CheckMediaType(string? mediaType, ImageReference reference)
    {
        if (ManifestMediaTypes.IsSchema1(mediaType))
        {
            throw new UnimplementedException($"{reference} is a Docker image manifest v2 schema 1, which berth does not support "
                + "(it was deprecated in 2019): push the image again with a current docker, podman or skopeo");
        }
    }

    private void CheckManifestSize(long size, ImageReference reference)
    {
        if (size > _settings.MaxManifestSize)
        {
            throw new FailedPreconditionException(
                $"the manifest for {reference} is {size} bytes, more than the {_settings.MaxManifestSize} berth accepts; it is not an image manifest");
        }
    }
}
