namespace Berth.Remotes.Auth;

/// <summary>
/// Resource scopes of the token auth spec (<c>repository:&lt;name&gt;:&lt;actions&gt;</c>): what a bearer token is
/// asked for, and the key it is cached under.
/// </summary>
internal static class TokenScopes
{
    public static string Pull(string repository) => $"repository:{repository}:pull";

    public static string Push(string repository) => $"repository:{repository}:pull,push";

    /// <summary>The scopes sorted and without duplicates, so that equal sets share one cached token.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> scopes)
        => [.. scopes.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public static string Key(IEnumerable<string> normalized) => string.Join(' ', normalized);
}
