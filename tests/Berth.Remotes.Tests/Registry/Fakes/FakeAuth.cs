namespace Berth.Remotes.Tests.Registry.Fakes;

public enum FakeAuthMode
{
    None,
    Basic,
    Bearer,
}

/// <summary>How the fake registry authenticates: nothing, Basic, or bearer tokens from its own /token realm.</summary>
public sealed record FakeAuth
{
    public static FakeAuth None { get; } = new();

    public FakeAuthMode Mode { get; init; }

    /// <summary>The account the registry (Basic) or its token service (Bearer) accepts; null: anonymous tokens.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The refresh token the token service accepts in an OAuth2 POST.</summary>
    public string? IdentityToken { get; init; }

    /// <summary>expires_in of issued tokens; null leaves it out.</summary>
    public int? ExpiresIn { get; init; } = 300;

    /// <summary>Send Basic and Bearer challenges in one WWW-Authenticate header, Basic first.</summary>
    public bool CombineChallenges { get; init; }

    /// <summary>Refuse every token, as if the account had no rights at all.</summary>
    public bool RefuseTokens { get; init; }

    public static FakeAuth Basic(string username, string password) => new() { Mode = FakeAuthMode.Basic, Username = username, Password = password };

    public static FakeAuth Bearer(string? username = null, string? password = null)
        => new() { Mode = FakeAuthMode.Bearer, Username = username, Password = password };
}
