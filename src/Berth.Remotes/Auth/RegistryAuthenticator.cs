using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Berth.Core.Transfer;

namespace Berth.Remotes.Auth;

/// <summary>
/// One caller's credentials against the hosts of one client: remembers each host's challenge so that later requests
/// carry credentials up front, and caches bearer tokens per host and scope set until shortly before they expire.
/// Concurrent requests for the same scopes share one token fetch.
/// </summary>
internal sealed class RegistryAuthenticator(RegistryCredentials? credentials, TokenClient tokens, TimeProvider time)
{
    // A token about to expire would be refused on the way; fetch a new one a little early.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<BearerToken>>> _tokens = new(StringComparer.Ordinal);

    /// <summary>The Authorization header for a request to <paramref name="authority"/>, if that host has challenged.</summary>
    public async ValueTask<RegistryAuthorization> AuthorizeAsync(string authority, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (!_challenges.TryGetValue(authority, out var challenge))
        {
            return RegistryAuthorization.None;
        }

        if (challenge.Scheme == AuthScheme.Basic)
        {
            string pair = $"{credentials?.Username}:{credentials?.Password}";
            return new RegistryAuthorization(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair))), false, null);
        }

        // The challenge names the scope of the request that met it; later requests say their own (containerd adds both,
        // which leaks one repository's scope into every later token).
        var all = TokenScopes.Normalize(scopes.Count > 0 ? scopes : challenge.Scopes);
        string key = $"{authority} {challenge.Realm} {TokenScopes.Key(all)}";
        while (true)
        {
            var mine = new Lazy<Task<BearerToken>>(() => tokens.FetchAsync(challenge, all, credentials, authority, CancellationToken.None));
            var shared = _tokens.GetOrAdd(key, mine);
            BearerToken token;
            try
            {
                token = await shared.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _tokens.TryRemove(new KeyValuePair<string, Lazy<Task<BearerToken>>>(key, shared));
                throw;
            }

            if (token.ExpiresAt - ExpiryMargin > time.GetUtcNow())
            {
                return new RegistryAuthorization(new AuthenticationHeaderValue("Bearer", token.Value), !ReferenceEquals(shared, mine), key);
            }

            _tokens.TryRemove(new KeyValuePair<string, Lazy<Task<BearerToken>>>(key, shared));
        }
    }

    /// <summary>
    /// Takes in the challenges of a 401 from <paramref name="authority"/>; false when none can be answered (no
    /// supported scheme, or Basic without a user name and password), so the 401 stands.
    /// </summary>
    public bool Challenge(string authority, HttpResponseHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues("WWW-Authenticate", out var values))
        {
            return false;
        }

        foreach (var challenge in AuthChallengeParser.Parse(values))
        {
            if (challenge.Scheme == AuthScheme.Bearer
                || (challenge.Scheme == AuthScheme.Basic && !string.IsNullOrEmpty(credentials?.Username) && !string.IsNullOrEmpty(credentials.Password)))
            {
                _challenges[authority] = challenge;
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops a cached token the registry refused (revoked, or expired early).</summary>
    public void Forget(RegistryAuthorization authorization)
    {
        if (authorization.TokenKey is { } key)
        {
            _tokens.TryRemove(key, out _);
        }
    }
}

/// <summary>An Authorization header to send, and whether it came from the cache (a refusal then warrants a fresh one).</summary>
internal sealed record RegistryAuthorization(AuthenticationHeaderValue? Header, bool Reused, string? TokenKey)
{
    public static RegistryAuthorization None { get; } = new(null, false, null);
}
