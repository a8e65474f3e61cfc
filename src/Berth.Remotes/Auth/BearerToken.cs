namespace Berth.Remotes.Auth;

/// <summary>An access token from a registry's token service, usable until <paramref name="ExpiresAt"/>.</summary>
internal sealed record BearerToken(string Value, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"BearerToken {{ ExpiresAt = {ExpiresAt:O} }}"; // never the secret
}
