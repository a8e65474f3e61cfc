namespace Berth.Operations.Auth;

/// <summary>`berth login`.</summary>
public sealed record LoginOptions
{
    /// <summary>The registry (host, or a URL); null for Docker Hub.</summary>
    public string? Server { get; init; }

    /// <summary>-u.</summary>
    public string? Username { get; init; }

    /// <summary>-p (docker warns that it is insecure).</summary>
    public string? Password { get; init; }

    /// <summary>--password-stdin: read the password from <see cref="Stdin"/>.</summary>
    public bool PasswordStdin { get; init; }

    /// <summary>The process's input.</summary>
    public required TextReader Stdin { get; init; }

    /// <summary>How to ask for what is missing; null when stdin is not a terminal.</summary>
    public IPrompt? Prompt { get; init; }

    /// <summary>Where credentials are stored.</summary>
    public required CredentialStore Credentials { get; init; }

    /// <summary>"Login Succeeded".</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Warnings.</summary>
    public required TextWriter Stderr { get; init; }
}

/// <summary>`berth logout`.</summary>
public sealed record LogoutOptions
{
    /// <summary>The registry; null for Docker Hub.</summary>
    public string? Server { get; init; }

    /// <summary>Where credentials are stored.</summary>
    public required CredentialStore Credentials { get; init; }

    /// <summary>"Removing login credentials for …".</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Warnings.</summary>
    public required TextWriter Stderr { get; init; }
}
