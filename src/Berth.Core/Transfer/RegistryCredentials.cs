namespace Berth.Core.Transfer;

/// <summary>
/// What a client holds for one registry, as docker's config.json keeps it: a user name and password, or an identity
/// token (an OAuth refresh token some registries hand out at login). The client sends them with each request; berthd
/// keeps none.
/// </summary>
public sealed record RegistryCredentials(string? Username, string? Password)
{
    /// <summary>A refresh token to trade for access tokens, instead of the password.</summary>
    public string? IdentityToken { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RegistryCredentials {{ Username = {Username} }}"; // never the secret
}
