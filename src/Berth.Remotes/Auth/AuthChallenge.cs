namespace Berth.Remotes.Auth;

/// <summary>The schemes of RFC 7235 challenges a registry may send that berth can answer.</summary>
internal enum AuthScheme
{
    Basic,
    Bearer,
}

/// <summary>
/// One challenge of a WWW-Authenticate header: <c>Bearer realm="https://auth/token",service="registry",scope="…"</c>.
/// Parameter names are lowercase; values are unquoted.
/// </summary>
internal sealed record AuthChallenge(AuthScheme Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    /// <summary>The scopes the registry named in the challenge (space-separated in the header).</summary>
    public IReadOnlyList<string> Scopes
        => Parameters.TryGetValue("scope", out string? scope) ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];

    /// <summary>RFC 6750 error code, such as <c>invalid_token</c> or <c>insufficient_scope</c>.</summary>
    public string? Error => Parameters.GetValueOrDefault("error");
}
