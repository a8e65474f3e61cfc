using System.Net;
using System.Net.Http.Headers;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Auth;

namespace Berth.Remotes.Registry;

internal sealed partial class RegistryClient
{
    public async ValueTask PushBlobAsync(ImageReference repository, Descriptor descriptor, Stream content, CancellationToken cancellationToken = default)
    {
        CheckRegistry(repository);
        var operation = RegistryOperation.Push(repository, $"blob {descriptor.Digest} of {repository.Name}");
        long start = content.CanSeek ? content.Position : -1;
        for (int attempt = 1; ; attempt++)
        {
            var session = new UploadSession();
            try
            {
                await UploadAsync(repository, descriptor, content, operation, session, cancellationToken);
                return;
            }
            catch (UnavailableException ex) when (session.Location is not null && start >= 0 && attempt < _settings.MaxAttempts)
            {
                // An upload step failed on the way: steps are not idempotent, so the whole upload starts again.
                RegistryLog.RestartingUpload(_logger, descriptor.Digest.ToString(), attempt + 1, ex.Message);
                await CancelUploadAsync(session.Location, repository, operation);
                content.Position = start;
                await Task.Delay(_retry.Backoff(attempt), _time, cancellationToken);
            }
            catch when (session.Location is not null)
            {
                await CancelUploadAsync(session.Location, repository, operation);
                throw;
            }
        }
    }

    // POST opens a session; blobs up to the limit then go in one PUT, bigger ones in PATCH chunks, each following the
    // Location of the previous answer, and a closing PUT with the digest.
    private async Task UploadAsync(ImageReference repository, Descriptor descriptor, Stream content, RegistryOperation operation,
        UploadSession session, CancellationToken ct)
    {
        string[] scopes = [TokenScopes.Push(repository.Repository)];
        var start = new RegistryRequest(HttpMethod.Post, $"{repository.Repository}/blobs/uploads/", operation) { Scopes = scopes };
        session.Location = await ExpectLocationAsync(start, HttpStatusCode.Accepted, ct);
        if (descriptor.Size > _settings.MonolithicUploadLimit)
        {
            for (long offset = 0; offset < descriptor.Size;)
            {
                long length = Math.Min(_settings.UploadChunkSize, descriptor.Size - offset);
                long first = offset;
                var patch = new RegistryRequest(HttpMethod.Patch, string.Empty, operation)
                {
                    Location = session.Location, Scopes = scopes, Idempotent = false,
                    Content = keepAlive => Body(content, length, descriptor, keepAlive, first),
                };
                session.Location = await ExpectLocationAsync(patch, HttpStatusCode.Accepted, ct);
                offset += length;
            }
        }

        var put = new RegistryRequest(HttpMethod.Put, string.Empty, operation)
        {
            Location = WithDigest(session.Location, descriptor.Digest), Scopes = scopes, Idempotent = false,
            Content = keepAlive => descriptor.Size > _settings.MonolithicUploadLimit
                ? new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }
                : Body(content, descriptor.Size, descriptor, keepAlive, null),
        };
        using var response = await SendAsync(_host, put, 1, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryErrors.FromResponseAsync(response, operation, ct);
        }

        session.Location = null;
        CheckStoredDigest(response, descriptor, operation);
    }

    private async Task<Uri> ExpectLocationAsync(RegistryRequest request, HttpStatusCode expected, CancellationToken ct)
    {
        using var response = await SendAsync(_host, request, _settings.MaxAttempts, ct);
        if (response.StatusCode != expected)
        {
            throw await RegistryErrors.FromResponseAsync(response, request.Operation, ct);
        }

        var location = response.Headers.Location ?? throw new UnavailableException(
            $"{_registry} answered {request.Method} for {request.Operation.Subject} without the upload's Location; the registry is misbehaving");
        return new Uri(response.RequestMessage!.RequestUri!, location);
    }

    private static StreamContent Body(Stream source, long length, Descriptor descriptor, Action keepAlive, long? rangeStart)
    {
        var body = new StreamContent(new ExactLengthStream(source, length, descriptor, keepAlive), 128 * 1024);
        body.Headers.ContentLength = length;
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (rangeStart is { } first)
        {
            // The distribution spec's form, without the "bytes " unit of RFC 9110.
            body.Headers.TryAddWithoutValidation("Content-Range", $"{first}-{first + length - 1}");
        }

        return body;
    }

    private static Uri WithDigest(Uri location, Digest digest)
    {
        string query = location.Query.TrimStart('?');
        string digestParameter = "digest=" + Uri.EscapeDataString(digest.ToString());
        return new UriBuilder(location) { Query = query.Length == 0 ? digestParameter : $"{query}&{digestParameter}" }.Uri;
    }

    /// <summary>Best effort: a session left open only costs the registry until its upload purge.</summary>
    private async Task CancelUploadAsync(Uri? location, ImageReference repository, RegistryOperation operation)
    {
        if (location is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var delete = new RegistryRequest(HttpMethod.Delete, string.Empty, operation)
            {
                Location = location, Scopes = [TokenScopes.Push(repository.Repository)], Idempotent = false,
            };
            using var response = await SendAsync(_host, delete, 1, timeout.Token);
        }
        catch (Exception ex) when (ex is BerthException or OperationCanceledException)
        {
        }
    }

    private sealed class UploadSession
    {
        public Uri? Location { get; set; }
    }
}
