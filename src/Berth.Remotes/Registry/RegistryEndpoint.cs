namespace Berth.Remotes.Registry;

/// <summary>
/// Where a registry's API is served: the host itself or one of its mirrors. An insecure host starts on HTTPS and
/// falls back to plain HTTP once if HTTPS cannot be spoken there, as docker does; a host that answered HTTPS once
/// stays on it. Shared by the clients of a factory, so the fallback is learnt once.
/// </summary>
internal sealed class RegistryEndpoint
{
    private readonly string _pathPrefix;
    private readonly string? _namespaceQuery;
    private readonly bool _httpFallback;
    private volatile Uri _root;
    private volatile bool _confirmed;

    public RegistryEndpoint(Uri root, string transportHost, bool httpFallback, string? mirrorOf = null)
    {
        _root = new Uri(root.GetLeftPart(UriPartial.Authority));
        _pathPrefix = root.AbsolutePath.TrimEnd('/');
        TransportHost = transportHost;
        _httpFallback = httpFallback;
        IsMirror = mirrorOf is not null;
        // containerd's convention: a mirror learns which registry a request is for from ?ns=.
        _namespaceQuery = mirrorOf is null ? null : "ns=" + Uri.EscapeDataString(mirrorOf);
    }

    /// <summary>The name its TLS settings and certs.d folder go by (the registry's name for the host itself).</summary>
    public string TransportHost { get; }

    public bool IsMirror { get; }

    public string Authority => _root.Authority;

    public string Scheme => _root.Scheme;

    /// <summary>Whether a failed attempt at <paramref name="attempted"/> may be retried over HTTP (concurrent attempts all may).</summary>
    public bool CanFallBackToHttp(Uri attempted) => _httpFallback && !_confirmed && attempted.Scheme == Uri.UriSchemeHttps;

    /// <summary>The URI of <c>/v2/&lt;path&gt;</c>; <paramref name="path"/> may carry a query.</summary>
    public Uri ApiUri(string path)
    {
        string relative = $"{_pathPrefix}/v2/{path}";
        if (_namespaceQuery is not null)
        {
            relative += (relative.Contains('?', StringComparison.Ordinal) ? "&" : "?") + _namespaceQuery;
        }

        return new Uri(_root, relative);
    }

    /// <summary>HTTPS worked: never fall back from now on.</summary>
    public void Confirm() => _confirmed = true;

    public void FallBackToHttp()
    {
        var root = _root;
        if (root.Scheme == Uri.UriSchemeHttps)
        {
            _root = new UriBuilder(root) { Scheme = Uri.UriSchemeHttp, Port = root.IsDefaultPort ? -1 : root.Port }.Uri;
        }
    }

    public override string ToString() => $"{_root.Scheme}://{_root.Authority}{_pathPrefix}";
}
