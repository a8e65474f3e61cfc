using System.Net;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Auth;

namespace Berth.Remotes.Registry;

internal sealed partial class RegistryClient
{
    public async ValueTask<Stream> FetchAsync(ImageReference repository, Descriptor descriptor, long offset = 0,
        CancellationToken cancellationToken = default)
    {
        CheckRegistry(repository);
        if (offset < 0 || offset > descriptor.Size)
        {
            throw new InvalidArgumentException($"cannot fetch {descriptor.Digest} from byte {offset}: it has {descriptor.Size} bytes");
        }

        if (!descriptor.Digest.TryGetHashAlgorithm(out _))
        {
            throw new UnimplementedException($"cannot verify {descriptor.Digest}: berth checks sha256 and sha512 digests only");
        }

        bool manifest = ManifestMediaTypes.IsManifest(descriptor.MediaType);
        string path = $"{repository.Repository}/{(manifest ? "manifests" : "blobs")}/{descriptor.Digest}";
        var operation = RegistryOperation.Pull(repository, manifest
            ? $"manifest {descriptor.Digest} of {repository.Name}"
            : $"blob {descriptor.Digest} of {repository.Name}");
        var request = new RegistryRequest(HttpMethod.Get, path, operation)
        {
            Scopes = [TokenScopes.Pull(repository.Repository)],
            Accept = $"{descriptor.MediaType}, */*",
        };
        if (offset == descriptor.Size && offset > 0)
        {
            return new MemoryStream([], writable: false); // resumed at the end: nothing left to read or check
        }

        return await ReadAsync(async (endpoint, attempts) =>
        {
            var body = await OpenAsync(endpoint, request, descriptor, offset, attempts, cancellationToken);
            return (Stream)new RegistryBlobStream(body, descriptor, offset,
                (from, ct) => OpenAsync(endpoint, request, descriptor, from, _settings.MaxAttempts, ct), _settings, _logger);
        });
    }

    /// <summary>Opens the body from <paramref name="offset"/>; a registry that ignores the range has the head skipped.</summary>
    private async Task<HttpResponseMessage> OpenAsync(RegistryEndpoint endpoint, RegistryRequest request, Descriptor descriptor, long offset,
        int attempts, CancellationToken ct)
    {
        var response = await SendAsync(endpoint, request with { RangeFrom = offset > 0 ? offset : null }, attempts, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryErrors.FromResponseAsync(response, request.Operation, ct);
        }

        try
        {
            long? length = response.Content.Headers.ContentLength;
            if (response.StatusCode == HttpStatusCode.PartialContent)
            {
                var range = response.Content.Headers.ContentRange;
                if (range?.From != offset)
                {
                    throw new FailedPreconditionException(
                        $"{_registry} answered a request for {descriptor.Digest} from byte {offset} with range {range}; it mishandles ranges");
                }
            }
            else if (length is { } full && full != descriptor.Size)
            {
                throw new FailedPreconditionException(
                    $"size mismatch: {_registry} serves {descriptor.Digest} with {full} bytes, the descriptor says {descriptor.Size}");
            }
            else if (offset > 0)
            {
                await SkipAsync(response, offset, descriptor, ct);
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    // A 200 to a ranged request is the whole blob: read past what the caller has already.
    private async Task SkipAsync(HttpResponseMessage response, long offset, Descriptor descriptor, CancellationToken ct)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct);
        byte[] buffer = new byte[81920];
        for (long left = offset; left > 0;)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
            if (read == 0)
            {
                throw new FailedPreconditionException($"size mismatch: {_registry} ended {descriptor.Digest} before byte {offset}");
            }

            left -= read;
        }
    }
}
