using System.Net;
using System.Runtime.ExceptionServices;
using Berth.Core.Errors;
using Berth.Remotes.Auth;

namespace Berth.Remotes.Registry;

internal sealed partial class RegistryClient
{
    private const int MaxRedirects = 10;

    /// <summary>
    /// Sends a request with retries, authentication and redirects, and returns whatever the registry answered; only a
    /// registry that cannot be reached becomes an exception here (Unavailable).
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(RegistryEndpoint endpoint, RegistryRequest request, int maxAttempts,
        CancellationToken cancellationToken)
    {
        string target = $"{request.Method} {request.Location?.GetLeftPart(UriPartial.Path) ?? endpoint.ApiUri(request.Path).GetLeftPart(UriPartial.Path)}";
        try
        {
            return await _retry.SendAsync(ct => SendAuthenticatedAsync(endpoint, request, ct), target,
                request.Idempotent ? maxAttempts : 1, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A body that failed while it was sent surfaces wrapped; its own error says more than "cannot reach".
            for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
            {
                if (inner is BerthException berth)
                {
                    ExceptionDispatchInfo.Throw(berth);
                }
            }

            throw Unreachable(endpoint, request, ex);
        }
    }

    private async Task<HttpResponseMessage> SendAuthenticatedAsync(RegistryEndpoint endpoint, RegistryRequest request, CancellationToken ct)
    {
        for (int round = 1; ; round++)
        {
            string authority = request.Location?.Authority ?? endpoint.Authority;
            var authorization = await _auth.AuthorizeAsync(authority, request.Scopes, ct);
            var response = await SendOnceAsync(endpoint, request, authorization, ct);
            if (response.StatusCode != HttpStatusCode.Unauthorized || round == 3 || !_auth.Challenge(authority, response.Headers))
            {
                return response;
            }

            // Credentials fetched for this very request were refused: asking again would not change the answer.
            bool refused = authorization.Header is not null && !authorization.Reused;
            _auth.Forget(authorization);
            if (refused || !request.Idempotent)
            {
                return response;
            }

            response.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(RegistryEndpoint endpoint, RegistryRequest request, RegistryAuthorization authorization,
        CancellationToken ct)
    {
        while (true)
        {
            var uri = request.Location ?? endpoint.ApiUri(request.Path);
            try
            {
                var response = await TransmitAsync(endpoint, request, uri, authorization.Header, ct);
                if (uri.Scheme == Uri.UriSchemeHttps)
                {
                    endpoint.Confirm();
                }

                return await FollowRedirectsAsync(endpoint, request, response, authorization.Header, ct);
            }
            catch (HttpRequestException ex) when (request.Location is null && endpoint.CanFallBackToHttp(uri) && SpeaksNoHttps(ex, uri))
            {
                RegistryLog.FallingBackToHttp(_logger, endpoint.Authority, ex.Message);
                endpoint.FallBackToHttp();
            }
        }
    }

    // A refused connection says something about the protocol only when HTTP would go to another port (80, not 443).
    private static bool SpeaksNoHttps(HttpRequestException ex, Uri uri) => ex.HttpRequestError == HttpRequestError.SecureConnectionError
        || (ex.HttpRequestError == HttpRequestError.ConnectionError && uri.IsDefaultPort);
}
