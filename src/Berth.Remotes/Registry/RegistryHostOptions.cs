namespace Berth.Remotes.Registry;

/// <summary>
/// How to reach registries: per host, whether plain HTTP (or unverified TLS) is allowed and which mirrors to try first
/// for reads; for every host, the folder of docker-style certs.d settings (<c>&lt;dir&gt;/&lt;host&gt;/ca.crt</c>,
/// <c>client.cert</c> + <c>client.key</c>).
/// </summary>
public sealed record RegistryHostOptions
{
    /// <summary>Where per-host certificates live, as docker's /etc/docker/certs.d.</summary>
    public string CertsDirectory { get; init; } = "/etc/berth/certs.d";

    /// <summary>Settings by host name (with port).</summary>
    public IReadOnlyDictionary<string, RegistryHost> Hosts { get; init; } = new Dictionary<string, RegistryHost>();

    /// <summary>The settings of one host; localhost and loopback addresses are insecure by default, as in docker.</summary>
    public RegistryHost For(string host)
    {
        if (Hosts.TryGetValue(host, out var configured))
        {
            return configured;
        }

        string name = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
        bool loopback = name is "localhost" or "[::1]" || name.StartsWith("127.", StringComparison.Ordinal);
        return new RegistryHost { Insecure = loopback };
    }
}

/// <summary>One host's settings.</summary>
public sealed record RegistryHost
{
    /// <summary>Allow plain HTTP, and TLS without verification (docker's insecure-registries).</summary>
    public bool Insecure { get; init; }

    /// <summary>Endpoints (<c>https://mirror:5000</c>) to try before the host itself, for pulls only.</summary>
    public IReadOnlyList<string> Mirrors { get; init; } = [];
}
