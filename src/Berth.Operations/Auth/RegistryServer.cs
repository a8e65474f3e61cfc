namespace Berth.Operations.Auth;

/// <summary>
/// How docker names registries in config.json: Docker Hub as <c>https://index.docker.io/v1/</c>, every other registry
/// by its host (with port). Older files may hold URLs (<c>https://host:5000/v2/</c>); lookups compare hosts.
/// </summary>
public static class RegistryServer
{
    /// <summary>Docker Hub's key in config.json, as docker writes it.</summary>
    public const string DockerHubKey = "https://index.docker.io/v1/";

    /// <summary>The key to store credentials under, for what the user typed after `login` (null: Docker Hub).</summary>
    public static string KeyFor(string? server)
    {
        if (string.IsNullOrWhiteSpace(server))
        {
            return DockerHubKey;
        }

        string host = HostOf(server);
        return host is "docker.io" or "index.docker.io" or "registry-1.docker.io" ? DockerHubKey : host;
    }

    /// <summary>The key for a registry host as references name it (docker.io → Docker Hub's key).</summary>
    public static string KeyForRegistry(string registryHost) => KeyFor(registryHost);

    /// <summary>The host of a key or URL: <c>https://host:5000/v2/</c> → <c>host:5000</c>; Docker Hub's key → docker.io.</summary>
    public static string HostOf(string server)
    {
        if (server == DockerHubKey)
        {
            return Oci.ImageReference.DockerHub;
        }

        string host = server;
        foreach (string scheme in (string[])["http://", "https://"])
        {
            if (host.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                host = host[scheme.Length..];
            }
        }

        int slash = host.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? host : host[..slash];
    }

    /// <summary>What the daemon's Login is asked to check: a host such as docker.io or 127.0.0.1:5000.</summary>
    public static string RegistryOf(string key) => key == DockerHubKey ? Oci.ImageReference.DockerHub : HostOf(key);
}
