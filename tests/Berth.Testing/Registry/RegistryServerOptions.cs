namespace Berth.Testing.Registry;

/// <summary>How <see cref="RegistryServer"/> starts docker-registry: plain HTTP by default.</summary>
public sealed record RegistryServerOptions
{
    /// <summary>Serve HTTPS with a server certificate for 127.0.0.1 from the fixture's own test CA.</summary>
    public bool Tls { get; init; }

    /// <summary>Mutual TLS: the registry requires a client certificate from the test CA (implies <see cref="Tls"/>).</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>Accounts for htpasswd (Basic) authentication, user name to password; none: no authentication.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>Plain HTTP, no authentication.</summary>
    public static RegistryServerOptions Plain { get; } = new();

    /// <summary>HTTPS with a certificate from the fixture's test CA.</summary>
    public static RegistryServerOptions WithTls { get; } = new() { Tls = true };

    /// <summary>HTTPS and htpasswd authentication with one account.</summary>
    public static RegistryServerOptions WithTlsAndUser(string username, string password)
        => new() { Tls = true, Users = new Dictionary<string, string> { [username] = password } };

    internal bool UsesTls => Tls || RequireClientCertificate;
}
