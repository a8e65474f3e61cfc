using System.Net;
using System.Net.Http.Headers;
using Berth.Core.Errors;

namespace Berth.Remotes.Registry;

internal sealed partial class RegistryClient
{
    // Redirects (to a CDN or object store, typically) are followed for reads only, and credentials go along only to the
    // same scheme and authority.
    private async Task<HttpResponseMessage> FollowRedirectsAsync(RegistryEndpoint endpoint, RegistryRequest request, HttpResponseMessage response,
        AuthenticationHeaderValue? authorization, CancellationToken ct)
    {
        for (int hops = 0; IsRedirect(response) && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head); hops++)
        {
            var from = response.RequestMessage!.RequestUri!;
            var to = new Uri(from, response.Headers.Location!);
            response.Dispose();
            if (hops == MaxRedirects)
            {
                throw new UnavailableException($"{request.Operation.Registry} redirected {from.GetLeftPart(UriPartial.Path)} more than {MaxRedirects} times; the registry is misconfigured");
            }

            RegistryLog.Redirecting(_logger, from.GetLeftPart(UriPartial.Path), to.GetLeftPart(UriPartial.Path));
            bool sameOrigin = to.Scheme == from.Scheme && string.Equals(to.Authority, from.Authority, StringComparison.OrdinalIgnoreCase);
            response = await TransmitAsync(endpoint, request, to, sameOrigin ? authorization : null, ct);
        }

        return response;
    }

    private static bool IsRedirect(HttpResponseMessage response) => response.Headers.Location is not null
        && response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private async Task<HttpResponseMessage> TransmitAsync(RegistryEndpoint endpoint, RegistryRequest request, Uri uri,
        AuthenticationHeaderValue? authorization, CancellationToken ct)
    {
        var invoker = string.Equals(uri.Authority, endpoint.Authority, StringComparison.OrdinalIgnoreCase)
            ? _transports.For(endpoint.TransportHost)
            : _transports.For(uri.Authority);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_settings.ResponseTimeout);
        using var message = new HttpRequestMessage(request.Method, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        message.Headers.TryAddWithoutValidation("User-Agent", _settings.UserAgent);
        if (request.Accept is { } accept)
        {
            message.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (request.RangeFrom is { } from)
        {
            message.Headers.Range = new RangeHeaderValue(from, null);
        }

        message.Headers.Authorization = authorization;
        message.Content = request.Content?.Invoke(() => KeepAlive(timeout));
        return await invoker.SendAsync(message, timeout.Token);
    }

    private void KeepAlive(CancellationTokenSource timeout)
    {
        try
        {
            timeout.CancelAfter(_settings.ResponseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The response came before the whole body was read: nothing left to time.
        }
    }
}
