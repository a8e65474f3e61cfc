using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Remotes.Registry;
using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Auth;

/// <summary>
/// Gets bearer tokens from the realm of a challenge, as the token auth spec describes: a GET with service, scopes and
/// account (Basic auth when a password is given, anonymous otherwise), or, with an identity token, an OAuth2 POST with
/// grant_type=refresh_token.
/// </summary>
internal sealed class TokenClient(RegistryTransports transports, RetryPolicy retry, RegistryClientSettings settings,
    TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    public async Task<BearerToken> FetchAsync(AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredentials? credentials,
        string registry, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || realm.Scheme is not ("https" or "http"))
        {
            throw new FailedPreconditionException(
                $"{registry} asks for a bearer token but names no usable realm (\"{challenge.Realm}\"); the registry is misconfigured");
        }

        var invoker = transports.For(realm.Authority);
        HttpResponseMessage response;
        try
        {
            response = await retry.SendAsync(async ct =>
            {
                using var request = BuildRequest(realm, challenge.Service, scopes, credentials);
                request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(settings.ResponseTimeout);
                return await invoker.SendAsync(request, timeout.Token);
            }, realm.GetLeftPart(UriPartial.Path), settings.MaxAttempts, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new UnavailableException($"cannot reach the token service {realm.GetLeftPart(UriPartial.Path)} of {registry}: {ex.Message}; "
                + "check the network and that the registry's auth service is up", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, realm, registry, cancellationToken);
            }

            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var token = Parse(body, realm, registry);
            RegistryLog.TokenFetched(logger, realm.GetLeftPart(UriPartial.Path), TokenScopes.Key(scopes), token.ExpiresAt);
            return token;
        }
    }

    private BearerToken Parse(byte[] body, Uri realm, string registry)
    {
        TokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, AuthJsonContext.Default.TokenResponse);
        }
        catch (JsonException ex)
        {
            throw new UnavailableException($"the token service {realm.GetLeftPart(UriPartial.Path)} of {registry} answered with invalid JSON: {ex.Message}", ex);
        }

        string? value = parsed?.AccessToken is { Length: > 0 } access ? access : parsed?.Token;
        if (string.IsNullOrEmpty(value))
        {
            throw new UnavailableException($"the token service {realm.GetLeftPart(UriPartial.Path)} of {registry} answered without a token");
        }

        var lifetime = parsed!.ExpiresIn is > 0 and int seconds ? TimeSpan.FromSeconds(seconds) : DefaultLifetime;
        return new BearerToken(value, time.GetUtcNow() + lifetime);
    }

    private static HttpRequestMessage BuildRequest(Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredentials? credentials)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(service))
        {
            query.Add(new("service", service));
        }

        if (credentials?.IdentityToken is { Length: > 0 } identityToken)
        {
            query.Add(new("scope", string.Join(' ', scopes)));
            query.Add(new("client_id", "berth"));
            query.Add(new("grant_type", "refresh_token"));
            query.Add(new("refresh_token", identityToken));
            return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(query) };
        }

        query.AddRange(scopes.Select(s => new KeyValuePair<string, string>("scope", s)));
        if (!string.IsNullOrEmpty(credentials?.Username))
        {
            query.Add(new("account", credentials.Username));
        }

        string separator = string.IsNullOrEmpty(realm.Query) ? "?" : "&";
        string encoded = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(realm.AbsoluteUri + (query.Count == 0 ? "" : separator + encoded)));
        if (credentials is { Username: { Length: > 0 } user, Password: { Length: > 0 } password })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return request;
    }

    private static async Task<BerthException> FailureAsync(HttpResponseMessage response, Uri realm, string registry, CancellationToken ct)
    {
        var body = await RegistryErrors.ReadBodyAsync(response, ct);
        string detail = body?.Describe() ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
        string service = realm.GetLeftPart(UriPartial.Path);
        return (int)response.StatusCode switch
        {
            401 or 403 => new PermissionDeniedException(
                $"the token service {service} of {registry} refused the credentials: {detail}; run `berth login {registry}` with a valid user name and password"),
            429 => new ResourceExhaustedException($"the token service {service} of {registry} is rate-limiting requests ({detail}); wait before trying again"),
            >= 500 => new UnavailableException($"the token service {service} of {registry} failed: {detail}; try again later"),
            _ => new PermissionDeniedException($"the token service {service} of {registry} refused a token: {detail}"),
        };
    }
}
