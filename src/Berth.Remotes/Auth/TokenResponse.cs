using System.Text.Json.Serialization;

namespace Berth.Remotes.Auth;

/// <summary>
/// The body of a token service answer: the token auth spec names it <c>token</c>, OAuth2 <c>access_token</c>; either
/// may come, and an absent <c>expires_in</c> means 60 seconds.
/// </summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }
}

[JsonSerializable(typeof(TokenResponse))]
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
